"""Jinja2 rendering of the model into generated files."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import jinja2

from . import model

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
REGEN_COMMAND = "meson compile -C build regen"


@dataclass(frozen=True)
class Output:
    """One generated file: its template and the spec files it comes from."""

    template: str
    path: str  # relative to the output directory
    sources: tuple
    kind: str  # "cpp" (clang-formatted) or "text"


ALL_SOURCES = ("spec/types.yaml", "spec/levels.yaml", "spec/options/*.yaml", "spec/cmsgs.yaml",
               "spec/domains.yaml", "spec/socket_types.yaml", "spec/protocols.yaml",
               "spec/msg_flags.yaml", "spec/ioctl.yaml", "spec/features.yaml")

OUTPUTS: List[Output] = [
    Output("posix.cpp.j2", "generated/posix.cpp", ("spec/errors.yaml",), "cpp"),
    Output("codecs.hpp.j2", "generated/codecs.hpp", ("spec/types.yaml",), "cpp"),
    Output("codecs.cpp.j2", "generated/codecs.cpp", ("spec/types.yaml",), "cpp"),
    Output("tables.cpp.j2", "generated/tables.cpp", ALL_SOURCES, "cpp"),
    Output("options.md.j2", "docs/options.md", ALL_SOURCES, "text"),
]


def c_string(text: str) -> str:
    """A C++ string literal holding `text` (UTF-8)."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\{code:03o}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["c_string"] = c_string
    env.filters["md"] = md_cell
    return env


def banner(out: Output, comment: str) -> str:
    return (f"{comment} Generated from {', '.join(out.sources)} by generator/; do not edit.\n"
            f"{comment} Regenerate with: {REGEN_COMMAND}\n")


class FormatError(Exception):
    pass


def clang_format(text: str, style_file: Path, clang_format_exe: str) -> str:
    """Formats C++ with the project's style; the generator's output must be
    what clang-format would leave unchanged."""
    result = subprocess.run(
        [clang_format_exe, f"--style=file:{style_file}", "--assume-filename=generated.cpp"],
        input=text, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise FormatError(result.stderr)
    return result.stdout


def render_all(spec: model.Spec, style_file: Path,
               clang_format_exe: Optional[str] = None) -> Dict[str, str]:
    """Every output file's text by relative path. Deterministic: depends on
    the spec and the templates only."""
    exe = clang_format_exe or shutil.which("clang-format-14") or shutil.which("clang-format")
    if exe is None:
        raise FormatError("clang-format not found")
    env = environment()
    files: Dict[str, str] = {}
    for out in OUTPUTS:
        template = env.get_template(out.template)
        if out.kind == "cpp":
            text = template.render(spec=spec, banner=banner(out, "//"))
            text = clang_format(text, style_file, exe)
        else:
            text = template.render(spec=spec, banner=_md_banner(out))
        files[out.path] = text
    return files


def _md_banner(out: Output) -> str:
    return (f"<!-- Generated from {', '.join(out.sources)} by generator/; do not edit. "
            f"Regenerate with: {REGEN_COMMAND} -->\n")
