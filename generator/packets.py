# SPDX-License-Identifier: Apache-2.0
"""The packets part of the spec (spec/packets.yaml): the packet types of
erlang:decode_packet/3, each a fixed header layout or a hand-written codec,
and the method and header-name tables of OTP's HTTP parser. Builds the
model the packet templates print and checks what the schema cannot: names
unique, every field inside its header, header names written as the parser
normalizes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from .loader import Document, SpecError

FILE = "packets.yaml"
SOURCES = ("spec/packets.yaml",)
# What render.py makes of this part: (template, output, sources, kind).
OUTPUTS = [
    ("packets.hpp.j2", "generated/packets.hpp", SOURCES, "cpp"),
    ("packet_codecs.hpp.j2", "generated/packet_codecs.hpp", SOURCES, "cpp"),
    ("packets.cpp.j2", "generated/packets.cpp", SOURCES, "cpp"),
    ("packets.md.j2", "docs/packets.md", SOURCES, "text"),
]

# The hand-written codecs of runtime/src/packet/CODEC.cpp: whether each
# builds its own packet term (the others return their body as a binary).
PACKET_CODECS = {
    "raw": False,
    "ber": False,
    "line": False,
    "http": True,
    "ssl_tls": True,
}

# What OTP's HTTP parser stops a method or header name at, besides bytes
# outside 33..127 (RFC 2616 tspecials).
_TSPECIALS = set('()<>@,;:\\"/[]?={} \t')


@dataclass
class Magic:
    """Bytes a header must hold at `offset`."""

    offset: int
    length: int
    init: str  # C++ initializer of the bytes


@dataclass
class FixedLayout:
    """A header of fixed size with a length field (spec `fixed`)."""

    header_size: int
    magic: List[Magic]
    length_offset: int
    length_width: int
    little_endian: bool
    length_mask: str  # C++ literal
    order_flag_offset: int  # -1: the byte order is fixed
    order_flag_mask: int
    counts_header: bool  # the length counts the whole packet, header included
    padding_offset: int  # -1: no padding field
    padding_width: int
    returns_body: bool  # the packet returned is the body alone
    # for docs
    size_text: str = ""
    magic_text: str = ""
    length_text: str = ""
    padding_text: str = ""


@dataclass
class PacketType:
    name: str
    atoms: List[str]
    integers: List[int]
    codec: str  # a PACKET_CODECS name, or "fixed"
    doc: str
    line: int
    fixed: Optional[FixedLayout] = None
    http_line: str = "none"  # start | header (codec http)
    binaries: bool = False  # codec http: strings as binaries
    line_delimiter: bool = False
    # derived, for the templates
    index: int = 0
    term_text: str = ""  # the canonical term naming the type
    atom_text: str = ""  # the atom naming it, "" for none
    integer_value: int = -1  # the integer naming it when it has no atom
    names_text: str = ""  # every term naming it, for docs
    scan_fn: str = ""
    build_fn: str = ""
    fixed_ref: str = "nullptr"
    http_other: str = ""  # codec http: the type of the other line kind, same strings


@dataclass
class HttpName:
    """An HTTP method or header name the parser knows."""

    name: str
    number: int  # headers: OTP's number; methods: position
    doc: str


@dataclass
class PacketSpec:
    """Everything the packet templates see."""

    types: List[PacketType] = field(default_factory=list)
    fixed_types: List[PacketType] = field(default_factory=list)
    scan_codecs: List[str] = field(default_factory=list)
    build_codecs: List[str] = field(default_factory=list)
    type_atoms: List[Tuple[str, str]] = field(default_factory=list)  # (atom, type)
    type_integers: List[Tuple[int, str]] = field(default_factory=list)
    methods: List[HttpName] = field(default_factory=list)  # spec order
    headers: List[HttpName] = field(default_factory=list)
    # the runtime's lookup order: by length, then by bytes
    methods_sorted: List[HttpName] = field(default_factory=list)
    headers_sorted: List[HttpName] = field(default_factory=list)


def normalized_header(name: str) -> str:
    """A header name as OTP's parser rewrites it before looking it up: the
    first character and each one after a '-' upper case, the others lower."""
    out = []
    up = True
    for ch in name:
        if up:
            if "a" <= ch <= "z":
                ch = ch.upper()
            up = False
        elif "A" <= ch <= "Z":
            ch = ch.lower()
        elif ch == "-":
            up = True
        out.append(ch)
    return "".join(out)


def _bytes_text(offset: int, width: int) -> str:
    return f"byte {offset}" if width == 1 else f"bytes {offset}-{offset + width - 1}"


def _c_bytes(values: List[int]) -> str:
    return "{" + ", ".join(f"0x{v:02x}" for v in values) + "}"


def _lookup_order(names: List[HttpName]) -> List[HttpName]:
    return sorted(names, key=lambda n: (len(n.name), n.name.encode()))


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.errors: List[SpecError] = []

    def err(self, path, message: str) -> None:
        self.errors.append(self.doc.error(path, message))

    def inside(self, path, what: str, offset: int, width: int, size: int) -> bool:
        if offset + width > size:
            self.err(path, f"{what} (bytes {offset}..{offset + width - 1}) is outside the "
                     f"{size}-byte header")
            return False
        return True

    def fixed(self, base, item: dict) -> Optional[FixedLayout]:
        spec = item["fixed"]
        size = spec["header_size"]
        path = base + ["fixed"]
        ok = True
        magic = []
        for j, m in enumerate(spec.get("magic", [])):
            ok &= self.inside(path + ["magic", j], "magic", m["offset"], len(m["bytes"]), size)
            magic.append(Magic(m["offset"], len(m["bytes"]), _c_bytes(m["bytes"])))
        length = spec["length"]
        ok &= self.inside(path + ["length"], "the length field", length["offset"],
                          length["width"], size)
        mask = length.get("mask", (1 << (8 * length["width"])) - 1)
        if mask >= 1 << (8 * length["width"]):
            self.err(path + ["length", "mask"], f"mask 0x{mask:x} is wider than the "
                     f"{length['width']}-byte length field")
            ok = False
        flag = length.get("little_endian_if")
        if flag is not None:
            ok &= self.inside(path + ["length", "little_endian_if"], "the byte-order flag",
                              flag["offset"], 1, size)
            if length["byte_order"] != "big":
                self.err(path + ["length", "little_endian_if"],
                         "little_endian_if switches a big-endian length only")
                ok = False
        padding = spec.get("padding")
        if padding is not None:
            ok &= self.inside(path + ["padding"], "the padding field", padding["offset"],
                              padding["width"], size)
        if not ok:
            return None
        return FixedLayout(
            header_size=size, magic=magic, length_offset=length["offset"],
            length_width=length["width"], little_endian=length["byte_order"] == "little",
            length_mask=f"0x{mask:x}U", order_flag_offset=flag["offset"] if flag else -1,
            order_flag_mask=flag["mask"] if flag else 0,
            counts_header=spec["counts"] == "packet",
            padding_offset=padding["offset"] if padding else -1,
            padding_width=padding["width"] if padding else 0,
            returns_body=spec["returns"] == "body",
            size_text=f"{size} byte{'s' if size > 1 else ''}",
            magic_text="; ".join(f"{_bytes_text(m['offset'], len(m['bytes']))}: "
                                 + " ".join(f"0x{b:02x}" for b in m["bytes"])
                                 for m in spec.get("magic", [])) or "-",
            length_text=(f"{_bytes_text(length['offset'], length['width'])}, "
                         f"{length['byte_order']}-endian"
                         + (f" (little-endian when byte {flag['offset']} has bits "
                            f"0x{flag['mask']:02x})" if flag else "")
                         + (f", masked with 0x{mask:x}" if "mask" in length else "")),
            padding_text=(_bytes_text(padding["offset"], padding["width"]) if padding
                          else "-"))

    def types(self, items: List[dict]) -> List[PacketType]:
        out: List[PacketType] = []
        names: Dict[str, int] = {}
        terms: Dict[str, int] = {}
        for i, item in enumerate(items):
            base = ["packet_types", i]
            line = self.doc.line(base)
            if item["name"] in names:
                self.err(base + ["name"], f"duplicate packet type '{item['name']}' "
                         f"(first at line {names[item['name']]})")
                continue
            names[item["name"]] = line
            duplicate = False
            for key in ("atoms", "integers"):
                for j, value in enumerate(item.get(key, [])):
                    if str(value) in terms:
                        self.err(base + [key, j], f"'{value}' already names a packet type "
                                 f"(line {terms[str(value)]})")
                        duplicate = True
                    terms[str(value)] = line
            codec = item.get("codec", "fixed")
            if codec != "fixed" and codec not in PACKET_CODECS:
                self.err(base + ["codec"], f"unknown packet codec '{codec}' (known: "
                         f"{', '.join(sorted(PACKET_CODECS))})")
                continue
            if codec == "http" and "http" not in item:
                self.err(base, "codec http needs `http` (line and strings)")
                continue
            if "http" in item and codec != "http":
                self.err(base + ["http"], "`http` belongs to codec http only")
                continue
            if item.get("line_delimiter") and codec != "line":
                self.err(base + ["line_delimiter"], "only codec line splits at a delimiter")
                continue
            t = PacketType(name=item["name"], atoms=item.get("atoms", []),
                           integers=item.get("integers", []), codec=codec, doc=item["doc"],
                           line=line, line_delimiter=bool(item.get("line_delimiter")))
            if codec == "fixed":
                t.fixed = self.fixed(base, item)
                if t.fixed is None:
                    continue
            if codec == "http":
                t.http_line = item["http"]["line"]
                t.binaries = item["http"]["strings"] == "binary"
            if not duplicate:
                out.append(t)
        return out

    def names(self, key: str, items: List[dict], what: str) -> List[HttpName]:
        out: List[HttpName] = []
        seen: Dict[str, int] = {}
        numbers: Dict[int, int] = {}
        for i, item in enumerate(items):
            base = [key, i]
            line = self.doc.line(base)
            name = item["name"]
            if name in seen:
                self.err(base + ["name"], f"duplicate {what} '{name}' (first at line "
                         f"{seen[name]})")
                continue
            seen[name] = line
            number = item.get("number", i + 1)
            if number in numbers:
                self.err(base + ["number"], f"number {number} is taken (line {numbers[number]})")
                continue
            numbers[number] = line
            if any(ch in _TSPECIALS for ch in name):
                self.err(base + ["name"], f"{what} '{name}' holds a character the parser "
                         "stops at")
                continue
            if key == "http_headers" and normalized_header(name) != name:
                self.err(base + ["name"], f"header '{name}' would never match: the parser "
                         f"compares names as it normalizes them, '{normalized_header(name)}'")
                continue
            out.append(HttpName(name, number, item["doc"]))
        return out


def _derive(spec: PacketSpec) -> None:
    by_kind = {(t.http_line, t.binaries): t for t in spec.types if t.codec == "http"}
    for index, t in enumerate(spec.types):
        t.index = index
        t.term_text = t.atoms[0] if t.atoms else str(t.integers[0])
        t.atom_text = t.atoms[0] if t.atoms else ""
        t.integer_value = -1 if t.atoms else t.integers[0]
        t.names_text = " \\| ".join([f"`{a}`" for a in t.atoms] + [f"`{n}`" for n in t.integers])
        if t.fixed is not None:
            t.scan_fn = "&codecs::scan_fixed"
            t.build_fn = "&codecs::build_binary"
            t.fixed_ref = f"&layout_{t.name}"
        else:
            t.scan_fn = f"&codecs::scan_{t.codec}"
            t.build_fn = (f"&codecs::build_{t.codec}" if PACKET_CODECS[t.codec]
                          else "&codecs::build_binary")
        other = None
        if t.codec == "http":
            other = by_kind.get(("header" if t.http_line == "start" else "start", t.binaries))
        t.http_other = f"packet_type::{(other or t).name}"
    spec.fixed_types = [t for t in spec.types if t.fixed is not None]
    codecs = sorted({t.codec for t in spec.types if t.codec != "fixed"})
    spec.scan_codecs = codecs
    spec.build_codecs = [c for c in codecs if PACKET_CODECS[c]]
    spec.type_atoms = sorted((a, t.name) for t in spec.types for a in t.atoms)
    spec.type_integers = sorted((n, t.name) for t in spec.types for n in t.integers)
    spec.methods_sorted = _lookup_order(spec.methods)
    spec.headers_sorted = _lookup_order(spec.headers)


def build(doc: Optional[Document]) -> Tuple[PacketSpec, List[SpecError]]:
    """The packets model of spec/packets.yaml (empty when the file is absent)
    and every meaning error found in it."""
    spec = PacketSpec()
    if doc is None:
        return spec, []
    b = _Builder(doc)
    spec.types = b.types(doc.data["packet_types"])
    spec.methods = b.names("http_methods", doc.data.get("http_methods", []), "method")
    spec.headers = b.names("http_headers", doc.data.get("http_headers", []), "header")
    _derive(spec)
    return spec, b.errors
