# SPDX-License-Identifier: Apache-2.0
"""Hand-written C++ is laid out as the repository's .clang-format says.

Checks every .cpp/.hpp file under runtime/, tools/, tests/, examples/,
bench/ and fuzz/ (not generated/, and not the generator's golden output,
which tests/spec/generator_test.py checks) with clang-format 14, the version
the style file is written for and the one the deps script installs. Another
major version lays some constructs out differently, so without version 14
the test is skipped (exit status 77) and says why.

Run: python3 tests/style/clang_format_test.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("runtime", "tools", "tests", "examples", "bench", "fuzz")
EXCLUDED = (ROOT / "tests" / "spec" / "golden",)
SKIP = 77


def clang_format_14():
    for name in ("clang-format-14", "clang-format"):
        exe = shutil.which(name)
        if exe is None:
            continue
        version = subprocess.run([exe, "--version"], capture_output=True, text=True,
                                 check=False).stdout
        if "version 14." in version:
            return exe
    return None


def hand_written():
    for top in CHECKED:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in (".cpp", ".hpp") or not path.is_file():
                continue
            if any(path.is_relative_to(e) for e in EXCLUDED):
                continue
            yield path


def main() -> int:
    exe = clang_format_14()
    if exe is None:
        print("skipped: clang-format 14 is not installed (tools/deps.sh installs it)")
        return SKIP
    files = [str(p) for p in hand_written()]
    if not files:
        print("no files found under " + ", ".join(CHECKED))
        return 1
    run = subprocess.run([exe, f"--style=file:{ROOT / '.clang-format'}", "--dry-run",
                          "-Werror"] + files, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        bad = sorted({line.split(":", 1)[0] for line in run.stderr.splitlines()
                      if ": error:" in line})
        print("not clang-format clean (run clang-format-14 -i on them):")
        for name in bad:
            print("  " + str(Path(name).relative_to(ROOT)))
        print(run.stderr[:4000])
        return 1
    print(f"{len(files)} files clang-format clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
