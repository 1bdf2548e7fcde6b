# SPDX-License-Identifier: Apache-2.0
"""Tests of the spec compiler (generator/): validation messages point at the
offending line, output is deterministic, carries its banner, matches the
golden files for the sample spec, and the up-to-date check catches a hand
edit.

Run: python3 tests/spec/generator_test.py [--update-golden]
(--update-golden rewrites tests/spec/golden/ from tests/spec/sample/.)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.render import REGEN_COMMAND, render_all  # noqa: E402
from generator.spec import load_spec  # noqa: E402
from generator.validate import SpecErrors  # noqa: E402

SAMPLE = ROOT / "tests" / "spec" / "sample" / "spec"
GOLDEN = ROOT / "tests" / "spec" / "golden"
SCHEMA = ROOT / "spec" / "schema"
STYLE = ROOT / ".clang-format"


def clang_format_14():
    """clang-format of major version 14, or None."""
    for name in ("clang-format-14", "clang-format"):
        exe = shutil.which(name)
        if exe is None:
            continue
        version = subprocess.run([exe, "--version"], capture_output=True, text=True,
                                 check=False).stdout
        if "version 14." in version:
            return exe
    return None


def generate(spec_dir: Path) -> dict:
    return render_all(load_spec(spec_dir, "spec", SCHEMA))


class BrokenSpec(unittest.TestCase):
    """Each case edits one file of a copy of the sample spec and expects one
    `spec/FILE:LINE: error:` message."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.spec = self.tmp / "spec"
        shutil.copytree(SAMPLE, self.spec)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.spec / rel
        text = path.read_text()
        self.assertIn(old, text, f"{rel} lacks the text to replace")
        path.write_text(text.replace(old, new, 1))

    def line_of(self, rel: str, needle: str, occurrence: int = 1) -> int:
        lines = (self.spec / rel).read_text().splitlines()
        seen = 0
        for number, line in enumerate(lines, 1):
            if needle in line:
                seen += 1
                if seen == occurrence:
                    return number
        self.fail(f"{needle!r} not in {rel}")

    def expect(self, rel: str, line: int, fragment: str) -> None:
        with self.assertRaises(SpecErrors) as ctx:
            load_spec(self.spec, "spec", SCHEMA)
        messages = [str(e) for e in ctx.exception.errors]
        want = f"spec/{rel}:{line}: error: "
        self.assertTrue(any(m.startswith(want) and fragment in m for m in messages),
                        f"expected {want}...{fragment}... in {messages}")

    def test_unknown_key_is_reported_where_it_is_written(self):
        self.edit("options/ip.yaml", "    access: both\n    doc: The TOS byte.",
                  "    access: both\n    colour: blue\n    doc: The TOS byte.")
        self.expect("options/ip.yaml", self.line_of("options/ip.yaml", "colour:"),
                    "'colour' was unexpected")

    def test_missing_doc_is_reported_at_the_entry(self):
        self.edit("options/ip.yaml", "    doc: BSD only.\n", "")
        self.expect("options/ip.yaml", self.line_of("options/ip.yaml", "name: recvif"),
                    "'doc' is a required property")

    def test_bad_access_value(self):
        self.edit("options/ip.yaml", "    access: both\n    doc: BSD", "    access: read\n    doc: BSD")
        self.expect("options/ip.yaml", self.line_of("options/ip.yaml", "access: read"),
                    "'read' is not one of")

    def test_unknown_type_reference(self):
        self.edit("options/ip.yaml", "type: ip_tos", "type: ip_toss")
        self.expect("options/ip.yaml", self.line_of("options/ip.yaml", "type: ip_toss"),
                    "unknown type 'ip_toss'")

    def test_duplicate_option_name(self):
        self.edit("options/ip.yaml", "name: recvif", "name: tos")
        self.expect("options/ip.yaml", self.line_of("options/ip.yaml", "name: tos", 2),
                    "duplicate option of level ip 'tos'")

    def test_access_the_type_cannot_do(self):
        self.edit("types.yaml", "  - name: boolean\n", "  - name: cmsgs\n    kind: special\n"
                  "    codec: cmsg_list\n    doc: A list.\n  - name: boolean\n")
        self.edit("options/ip.yaml", "type: bool_int", "type: cmsgs")
        self.expect("options/ip.yaml", self.line_of("options/ip.yaml", "access: both", 2),
                    "type 'cmsgs' cannot be written")

    def test_yaml_syntax_error(self):
        self.edit("cmsgs.yaml", "    direction: both\n    value: ip_tos",
                  "    direction: both\n   value: [ip_tos")
        with self.assertRaises(SpecErrors) as ctx:
            load_spec(self.spec, "spec", SCHEMA)
        self.assertTrue(str(ctx.exception).startswith("spec/cmsgs.yaml:"), str(ctx.exception))
        self.assertIn(": error: YAML:", str(ctx.exception))

    def test_duplicate_mapping_key(self):
        self.edit("levels.yaml", "    constants: [SOL_SOCKET]\n",
                  "    constants: [SOL_SOCKET]\n    constants: [SOL_SOCKET]\n")
        self.expect("levels.yaml", self.line_of("levels.yaml", "constants: [SOL_SOCKET]", 2),
                    "duplicate key 'constants'")

    def test_cmsg_at_the_otp_level(self):
        self.edit("cmsgs.yaml", "  - level: ip\n", "  - level: otp\n")
        self.expect("cmsgs.yaml", self.line_of("cmsgs.yaml", "level: otp"),
                    "control messages need an OS level")

    def test_options_file_for_an_unknown_level(self):
        self.edit("options/ip.yaml", "level: ip", "level: ipx")
        self.expect("options/ip.yaml", 1, "unknown level 'ipx'")

    def test_native_option_without_constant(self):
        self.edit("options/socket.yaml", "    constant: SO_LINGER\n", "")
        self.expect("options/socket.yaml", self.line_of("options/socket.yaml", "name: linger"),
                    "needs a constant")

    def test_otp_option_with_a_native_type(self):
        self.edit("options/otp.yaml", "type: boolean", "type: bool_int")
        self.expect("options/otp.yaml", self.line_of("options/otp.yaml", "type: bool_int"),
                    "otp options take erlang types")

    def test_struct_field_of_unknown_type(self):
        self.edit("types.yaml", "field: l_linger, type: int", "field: l_linger, type: long")
        self.expect("types.yaml", self.line_of("types.yaml", "type: long"), "unknown type 'long'")

    def test_shorthand_missing_a_field(self):
        self.edit("types.yaml", "value: {onoff: true, linger: 0}", "value: {onoff: true}")
        self.expect("types.yaml", self.line_of("types.yaml", "value: {onoff: true}"),
                    "shorthand 'abort' must give exactly the fields")

    def test_unknown_yields_to(self):
        self.edit("errors.yaml", "yields_to: [eagain]", "yields_to: [eagian]")
        self.expect("errors.yaml", self.line_of("errors.yaml", "yields_to"),
                    "unknown error atom 'eagian'")

    def test_errno_constant_named_twice(self):
        self.edit("errors.yaml", "constant: EWOULDBLOCK", "constant: EAGAIN")
        self.expect("errors.yaml", self.line_of("errors.yaml", "constant: EAGAIN", 2),
                    "already names 'eagain'")

    def test_format_error_text_is_required(self):
        self.edit("errors.yaml", '    text: "operation would block"\n', "")
        self.expect("errors.yaml", self.line_of("errors.yaml", "atom: ewouldblock"),
                    "'text' is a required property")

    def test_inet_option_mapped_onto_an_unknown_socket_option(self):
        self.edit("inet_options.yaml", "option: socket.linger", "option: socket.lingr")
        self.expect("inet_options.yaml", self.line_of("inet_options.yaml", "socket.lingr"),
                    "no socket option {socket, lingr}")

    def test_inet_type_with_an_unknown_check(self):
        self.edit("inet_options.yaml", "check: linger", "check: lingering")
        self.expect("inet_options.yaml", self.line_of("inet_options.yaml", "check: lingering"),
                    "unknown check 'lingering'")

    def test_inet_option_of_an_unknown_type(self):
        self.edit("inet_options.yaml", "type: packet\n    default", "type: packets\n    default")
        self.expect("inet_options.yaml", self.line_of("inet_options.yaml", "type: packets"),
                    "unknown inet type 'packets'")

    def test_enum_integer_needs_an_enum_socket_type(self):
        self.edit("inet_options.yaml", "conversion: linger}", "conversion: enum_integer}")
        self.expect("inet_options.yaml",
                    self.line_of("inet_options.yaml", "conversion: enum_integer}"),
                    "enum_integer needs an enum type")

    def test_packet_length_field_outside_its_header(self):
        self.edit("packets.yaml", "      header_size: 2\n", "      header_size: 1\n")
        self.expect("packets.yaml", self.line_of("packets.yaml", "length: {offset: 0, width: 2"),
                    "the length field (bytes 0..1) is outside the 1-byte header")

    def test_packet_magic_outside_its_header(self):
        self.edit("packets.yaml", "{offset: 0, bytes: [3]}", "{offset: 3, bytes: [3, 3]}")
        self.expect("packets.yaml", self.line_of("packets.yaml", "{offset: 3, bytes: [3, 3]}"),
                    "magic (bytes 3..4) is outside the 4-byte header")

    def test_packet_type_named_twice(self):
        self.edit("packets.yaml", "atoms: [tpkt]", "atoms: [cdr]")
        self.expect("packets.yaml", self.line_of("packets.yaml", "atoms: [cdr]", 2),
                    "'cdr' already names a packet type")

    def test_unknown_packet_codec(self):
        self.edit("packets.yaml", "codec: line", "codec: lines")
        self.expect("packets.yaml", self.line_of("packets.yaml", "codec: lines"),
                    "unknown packet codec 'lines'")

    def test_http_header_not_written_as_the_parser_normalizes_it(self):
        self.edit("packets.yaml", "{name: Content-Length,", "{name: Content-length,")
        self.expect("packets.yaml", self.line_of("packets.yaml", "Content-length"),
                    "header 'Content-length' would never match")

    def test_http_header_number_taken_twice(self):
        self.edit("packets.yaml", "number: 25", "number: 14")
        self.expect("packets.yaml", self.line_of("packets.yaml", "{name: Age"),
                    "number 14 is taken")

    def use_real(self, rel: str) -> None:
        shutil.copy(ROOT / "spec" / rel, self.spec / rel)

    def test_ioctl_set_request_by_index(self):
        self.use_real("ioctl.yaml")
        self.edit("ioctl.yaml", "    access: set\n    argument: ifname\n    value: mtu",
                  "    access: set\n    argument: ifindex\n    value: mtu")
        self.expect("ioctl.yaml", self.line_of("ioctl.yaml", "argument: ifindex", 2),
                    "a set request takes an interface name")

    def test_ioctl_starts_from_an_unknown_request(self):
        self.use_real("ioctl.yaml")
        self.edit("ioctl.yaml", "starts_from: gifflags", "starts_from: gifflag")
        self.expect("ioctl.yaml", self.line_of("ioctl.yaml", "starts_from: gifflag"),
                    "starts_from 'gifflag' is no listed get request")

    def test_ioctl_flag_position_taken_twice(self):
        self.use_real("ioctl.yaml")
        self.edit("ioctl.yaml", "    position: 10\n", "    position: 0\n")
        self.expect("ioctl.yaml", self.line_of("ioctl.yaml", "position: 0", 2),
                    "position 0 is taken")

    def test_every_problem_is_reported_not_just_the_first(self):
        self.edit("options/ip.yaml", "type: ip_tos", "type: nope1")
        self.edit("options/socket.yaml", "type: int", "type: nope2")
        with self.assertRaises(SpecErrors) as ctx:
            load_spec(self.spec, "spec", SCHEMA)
        text = str(ctx.exception)
        self.assertIn("nope1", text)
        self.assertIn("nope2", text)


class Output(unittest.TestCase):
    def test_two_runs_are_byte_identical(self):
        self.assertEqual(generate(ROOT / "spec"), generate(ROOT / "spec"))

    def test_every_file_has_the_banner(self):
        for rel, text in generate(SAMPLE).items():
            head = "\n".join(text.splitlines()[:4])
            self.assertIn("Generated by generator/ from the spec; do not edit.", head, rel)
            self.assertIn(f"Regenerate with: {REGEN_COMMAND}", head, rel)
            self.assertIn("Sources: spec/", head, rel)

    def test_sample_matches_golden(self):
        files = generate(SAMPLE)
        self.assertEqual(sorted(files), sorted(str(p.relative_to(GOLDEN)) for p in
                                               GOLDEN.rglob("*") if p.is_file()))
        for rel, text in files.items():
            golden = (GOLDEN / rel).read_text(encoding="utf-8")
            self.assertEqual(text, golden, f"{rel} differs from tests/spec/golden/{rel}; "
                             "if the change is intended, run tests/spec/generator_test.py "
                             "--update-golden")

    def test_struct_decoders_give_their_map_keys_in_term_order(self):
        # The decoders build their maps with map_in_key_order, which takes
        # the keys as given: out of order, the map would be malformed.
        # Term order of the ASCII atoms used as keys is their text's order.
        text = generate(ROOT / "spec")["generated/codecs.cpp"]
        decoders = re.findall(r"std::optional<term> decode_(\w+)\([^)]*\) \{\n(.*?)\n\}\n",
                              text, re.S)
        checked = 0
        for name, body in decoders:
            keys = re.findall(r'\{static_atom<"(\w+)">\(\), ', body)
            if len(keys) < 2:
                continue
            checked += 1
            self.assertEqual(keys, sorted(keys), f"decode_{name}")
        self.assertGreater(checked, 3, "no struct decoder found in generated/codecs.cpp")

    def test_output_does_not_depend_on_an_installed_formatter(self):
        # Every program the generator could call is replaced by one that
        # fails: the output must still be the committed bytes.
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("clang-format", "clang-format-14", "clang-format-15"):
                fake = Path(tmp) / name
                fake.write_text("#!/bin/sh\necho fake formatter >&2\nexit 3\n")
                fake.chmod(0o755)
            env = {"PATH": tmp, "PYTHONPATH": str(ROOT)}
            run = subprocess.run([sys.executable, "-m", "generator", "--check"], cwd=ROOT,
                                 env=env, capture_output=True, text=True, check=False)
            self.assertEqual(run.returncode, 0, run.stderr[:2000])

    def test_committed_generated_cpp_is_clang_format_clean(self):
        # The layout is the generator's own; clang-format 14 (the version the
        # style file is written for) agrees with it where it is installed.
        exe = clang_format_14()
        if exe is None:
            self.skipTest("clang-format 14 not installed")
        paths = sorted(str(p) for p in (ROOT / "generated").glob("*.[ch]pp"))
        result = subprocess.run([exe, f"--style=file:{STYLE}", "--dry-run", "-Werror"] + paths,
                                capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 0, result.stderr[:2000])


class OneEntryEdits(unittest.TestCase):
    """Adding an option, changing its type or adding a fixed-header packet
    type is one YAML entry: the tables, the codecs in use and the docs all
    follow from it."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.spec = self.tmp / "spec"
        shutil.copytree(ROOT / "spec", self.spec)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_adding_an_option(self):
        path = self.spec / "options" / "tcp.yaml"
        path.write_text(path.read_text() + "  - name: fastopen\n    constant: TCP_FASTOPEN\n"
                        "    type: int\n    access: both\n    doc: Fast Open queue length.\n")
        files = generate(self.spec)
        tables = files["generated/tables.cpp"]
        self.assertIn('{"tcp", "fastopen",', tables)
        self.assertIn("#if defined(TCP_FASTOPEN)", tables)
        self.assertIn("`{tcp,fastopen}` | TCP_FASTOPEN | `int` | both | Fast Open queue length.",
                      files["docs/options.md"])
        before = generate(ROOT / "spec")
        changed = sorted(k for k in files if files[k] != before[k])
        self.assertEqual(changed, ["docs/options.md", "generated/tables.cpp"])

    def test_adding_a_fixed_header_packet_type(self):
        path = self.spec / "packets.yaml"
        text = path.read_text()
        anchor = "\n# The request methods"
        self.assertIn(anchor, text)
        entry = ("  - name: le2\n    atoms: [le2]\n    fixed:\n      header_size: 2\n"
                 "      length: {offset: 0, width: 2, byte_order: little}\n"
                 "      counts: body\n      returns: body\n"
                 "    doc: A two-byte little-endian length.\n")
        path.write_text(text.replace(anchor, entry + anchor, 1))
        files = generate(self.spec)
        self.assertIn("    le2,\n", files["generated/packets.hpp"])
        table = files["generated/packets.cpp"]
        self.assertIn("constexpr fixed_layout layout_le2 = {\n    .header_size = 2,", table)
        self.assertIn("    .little_endian = true,\n", table[table.index("layout_le2"):])
        self.assertIn('{"le2", "le2", -1, &codecs::scan_fixed, &codecs::build_binary, &layout_le2,',
                      table)
        self.assertIn('{"le2", packet_type::le2},', table)
        self.assertIn("| `le2` | 2 bytes | - | bytes 0-1, little-endian | body | - | body |",
                      files["docs/packets.md"])
        before = generate(ROOT / "spec")
        changed = sorted(k for k in files if files[k] != before[k])
        self.assertEqual(changed, ["docs/packets.md", "generated/packets.cpp",
                                   "generated/packets.hpp"])

    def test_changing_an_options_type(self):
        path = self.spec / "options" / "ip.yaml"
        text = path.read_text()
        old = "  - name: ttl\n    constant: IP_TTL\n    type: int\n"
        self.assertIn(old, text)
        path.write_text(text.replace(old, "  - name: ttl\n    constant: IP_TTL\n    type: uint8\n"))
        spec = load_spec(self.spec, "spec", SCHEMA)
        ttl = next(o for o in spec.options if o.level.name == "ip" and o.name == "ttl")
        self.assertEqual(ttl.type.name, "uint8")
        tables = render_all(spec)["generated/tables.cpp"]
        row = tables[tables.index('{"ip", "ttl",'):]
        row = row[:row.index("},")]
        self.assertIn(f"&value_type_table[{ttl.type.index}]", row)


class UpToDateCheck(unittest.TestCase):
    def run_generator(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT,
                              capture_output=True, text=True, check=False)

    def test_a_hand_edit_is_caught_and_the_regen_command_printed(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            made = self.run_generator("--spec", str(SAMPLE), "--schema", str(SCHEMA),
                                      "--root", tmp)
            self.assertEqual(made.returncode, 0, made.stderr)
            clean = self.run_generator("--check", "--spec", str(SAMPLE), "--schema",
                                       str(SCHEMA), "--root", tmp)
            self.assertEqual(clean.returncode, 0, clean.stderr)
            target = root / "generated" / "tables.cpp"
            target.write_text(target.read_text() + "// edited by hand\n")
            stale = self.run_generator("--check", "--spec", str(SAMPLE), "--schema",
                                       str(SCHEMA), "--root", tmp)
            self.assertEqual(stale.returncode, 1)
            self.assertIn("generated/tables.cpp", stale.stderr)
            self.assertIn(REGEN_COMMAND, stale.stderr)

    def test_a_spec_error_fails_the_run_with_its_location(self):
        with tempfile.TemporaryDirectory() as tmp:
            spec = Path(tmp) / "spec"
            shutil.copytree(SAMPLE, spec)
            (spec / "levels.yaml").write_text("levels:\n  - name: socket\n")
            run = self.run_generator("--spec", str(spec), "--schema", str(SCHEMA),
                                     "--root", tmp)
            self.assertEqual(run.returncode, 1)
            self.assertIn("spec/levels.yaml:2: error:", run.stderr)


def update_golden() -> None:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for rel, text in generate(SAMPLE).items():
        path = GOLDEN / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if "--update-golden" in sys.argv:
        update_golden()
        sys.exit(0)
    unittest.main()
