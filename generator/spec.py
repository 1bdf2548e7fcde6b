# SPDX-License-Identifier: Apache-2.0
"""Load -> validate -> model. Errors read `spec/FILE.yaml:LINE: error: ...`."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from . import inet_options, ioctl, model, packets
from .loader import Document, SpecError, load
from .validate import SpecErrors, schema_errors

# Spec files in load order, each with its schema (schema/NAME). A file that
# does not exist contributes nothing, so that small sample specs (tests) can
# hold just the part they exercise.
SPEC_FILES = [
    "errors.yaml",
    "levels.yaml",
    "domains.yaml",
    "socket_types.yaml",
    "protocols.yaml",
    "types.yaml",
    "cmsgs.yaml",
    "msg_flags.yaml",
    "ioctl.yaml",
    "features.yaml",
    "counters.yaml",
    "inet_options.yaml",
    packets.FILE,
]
OPTIONS_DIR = "options"
OPTIONS_SCHEMA = "options.yaml"

# The hand-written codecs of runtime/src/codec/special.cpp: which directions
# each implements and the buffer a getsockopt of it needs.
SPECIAL_CODECS = {
    "ip_msfilter": (True, False, "0"),
    "sockaddr": (False, True, "sizeof(sockaddr_storage)"),
    "extended_err": (False, True, "0"),
    "cmsg_list": (False, True, "1024"),
    "protocol": (False, True, "sizeof(int)"),
}
ADDRESS_CODECS = {
    "in_addr": ("put_in_addr", "get_in_addr", "sizeof(in_addr)"),
    "in6_addr": ("put_in6_addr", "get_in6_addr", "sizeof(in6_addr)"),
}


# C++ keywords that a spec name may be: the identifier gets a trailing '_'.
CPP_KEYWORDS = frozenset("""
    alignas alignof and and_eq asm auto bitand bitor bool break case catch char
    char8_t char16_t char32_t class compl concept const consteval constexpr
    constinit const_cast continue co_await co_return co_yield decltype default
    delete do double dynamic_cast else enum explicit export extern false float
    for friend goto if inline int long mutable namespace new noexcept not
    not_eq nullptr operator or or_eq private protected public register
    reinterpret_cast requires return short signed sizeof static static_assert
    static_cast struct switch template this thread_local throw true try typedef
    typeid typename union unsigned using virtual void volatile wchar_t while
    xor xor_eq""".split())


def cpp_id(name: str) -> str:
    """A spec name as a C++ identifier."""
    return name + "_" if name in CPP_KEYWORDS else name


def _display(spec_dir: Path, name: str, display_root: str) -> str:
    return f"{display_root}/{name}" if display_root else str(spec_dir / name)


def _load_checked(path: Path, schema: Path, display: str,
                  errors: List[SpecError]) -> Document | None:
    if not schema.exists():
        errors.append(SpecError(display, 1, f"no schema {schema.parent.name}/{schema.name}"))
        return None
    try:
        doc = load(path, display)
    except SpecError as exc:
        errors.append(exc)
        return None
    errs = schema_errors(doc, schema)
    if errs:
        errors.extend(errs)
        return None
    return doc


def load_spec(spec_dir: Path, display_root: str = "spec",
              schema_dir: Path | None = None) -> model.Spec:
    """Reads and checks every spec file under `spec_dir` against the schemas
    in `schema_dir` (default spec_dir/schema); raises SpecErrors listing
    every problem found (schema problems stop before meaning checks, since
    the meaning checks assume well-formed entries)."""
    schema_dir = schema_dir or spec_dir / "schema"
    docs: Dict[str, Document] = {}
    errors: List[SpecError] = []
    for name in SPEC_FILES:
        path = spec_dir / name
        if not path.exists():
            continue
        doc = _load_checked(path, schema_dir / name, _display(spec_dir, name, display_root),
                            errors)
        if doc is not None:
            docs[name] = doc
    option_docs: List[Document] = []
    options_dir = spec_dir / OPTIONS_DIR
    if options_dir.is_dir():
        for path in sorted(options_dir.glob("*.yaml")):
            rel = f"{OPTIONS_DIR}/{path.name}"
            doc = _load_checked(path, schema_dir / OPTIONS_SCHEMA,
                                _display(spec_dir, rel, display_root), errors)
            if doc is not None:
                option_docs.append(doc)
    if errors:
        raise SpecErrors(errors)
    spec = model.Spec()
    errors.extend(_build_errors(spec, docs.get("errors.yaml")))
    builder = _Builder(spec, docs, option_docs)
    errors.extend(builder.build())
    errors.extend(inet_options.build(spec, docs.get("inet_options.yaml")))
    spec.packets, packet_errors = packets.build(docs.get(packets.FILE))
    errors.extend(packet_errors)
    if errors:
        raise SpecErrors(errors)
    return spec


def _unique(doc: Document, items, key: str, what: str, base) -> List[SpecError]:
    """Reports every entry whose `key` repeats an earlier one."""
    seen: Dict[str, int] = {}
    errs = []
    for i, item in enumerate(items):
        name = item[key]
        if name in seen:
            errs.append(SpecError(doc.name, doc.line(base + [i, key]),
                                  f"duplicate {what} '{name}' (first at line {seen[name]})"))
        else:
            seen[name] = doc.line(base + [i, key])
    return errs


def _build_errors(spec: model.Spec, doc: Document | None) -> List[SpecError]:
    if doc is None:
        return []
    items = doc.data["errors"]
    errs = _unique(doc, items, "atom", "error atom", ["errors"])
    by_atom = {i["atom"]: i for i in items}
    constants_seen: Dict[str, str] = {}
    for idx, item in enumerate(items):
        const = item.get("constant")
        if const is not None:
            if const in constants_seen:
                errs.append(doc.error(["errors", idx, "constant"],
                                      f"errno constant {const} already names "
                                      f"'{constants_seen[const]}'"))
            constants_seen[const] = item["atom"]
        yields = []
        for j, other in enumerate(item.get("yields_to", [])):
            target = by_atom.get(other)
            if target is None:
                errs.append(doc.error(["errors", idx, "yields_to", j],
                                      f"yields_to names unknown error atom '{other}'"))
            elif "constant" not in target:
                errs.append(doc.error(["errors", idx, "yields_to", j],
                                      f"yields_to '{other}', which has no constant"))
            elif other == item["atom"]:
                errs.append(doc.error(["errors", idx, "yields_to", j],
                                      "an error atom cannot yield to itself"))
            else:
                yields.append(target["constant"])
        if yields and const is None:
            errs.append(doc.error(["errors", idx, "yields_to"],
                                  "yields_to needs a constant"))
        spec.errors.append(model.ErrorAtom(
            atom=item["atom"], constant=const, yields_to_constants=yields,
            manual=item.get("manual", True), doc=item["doc"],
            line=doc.line(["errors", idx]), text=item["text"]))
    spec.errors.sort(key=lambda e: e.atom)
    others = doc.data.get("other_reasons", [])
    errs.extend(_unique(doc, others, "atom", "reason", ["other_reasons"]))
    for idx, item in enumerate(others):
        if item["atom"] in by_atom:
            errs.append(doc.error(["other_reasons", idx, "atom"],
                                  f"'{item['atom']}' is already a POSIX error atom"))
        spec.other_reasons.append(model.ErrorAtom(
            atom=item["atom"], constant=None, yields_to_constants=[], manual=False,
            doc=item["doc"], line=doc.line(["other_reasons", idx]), text=item["text"]))
    spec.other_reasons.sort(key=lambda e: e.atom)
    spec.unknown_error_text = doc.data["unknown"]["text"]
    return errs


def _alternatives(constants: List[str], guard: str | None = None) -> List[model.Alternative]:
    """#if/#elif conditions choosing the first defined constant."""
    extra = f" && ({guard})" if guard else ""
    return [model.Alternative(f"defined({c}){extra}", c) for c in constants]


def _term_expr(value) -> str:
    """C++ expression building the term for a YAML scalar of a shorthand."""
    if isinstance(value, bool):
        return f"esock::boolean({'true' if value else 'false'})"
    return f"esock::term(std::int64_t{{{value}}})"


class _Builder:
    """Turns the validated documents into the model, reporting every meaning
    error (unknown references, duplicates, inconsistent access) with its line."""

    def __init__(self, spec: model.Spec, docs: Dict[str, Document],
                 option_docs: List[Document]):
        self.spec = spec
        self.docs = docs
        self.option_docs = option_docs
        self.errors: List[SpecError] = []
        self.levels: Dict[str, model.Level] = {}
        self.types: Dict[str, model.ValueType] = {}
        self.named: Dict[str, List[model.Named]] = {}

    def err(self, doc: Document, path, message: str) -> None:
        self.errors.append(doc.error(path, message))

    def build(self) -> List[SpecError]:
        self._levels()
        for key in ("domains", "socket_types", "protocols"):
            self.named[key] = self._named(key + ".yaml", key)
        self.spec.domains = self.named["domains"]
        self.spec.socket_types = self.named["socket_types"]
        self.spec.protocols = self.named["protocols"]
        self._types()
        self._options()
        self._cmsgs()
        self._flags()
        self.errors.extend(ioctl.build(self.docs.get("ioctl.yaml"), self.spec))
        self._features()
        self._counters()
        self._views()
        return self.errors

    def _views(self) -> None:
        spec = self.spec
        spec.enum_types = [t for t in spec.types if t.kind == "enum"]
        spec.ranged_int_types = [t for t in spec.types if t.kind == "int" and t.value_range]
        spec.native_types = [t for t in spec.types
                             if t.kind in ("bool", "int", "enum", "string", "struct", "address")]
        codecs = sorted({t.codec for t in spec.types if t.kind == "special"})
        spec.special_encoders = [c for c in codecs if SPECIAL_CODECS.get(c, (0, 0))[0]]
        spec.special_decoders = [c for c in codecs if SPECIAL_CODECS.get(c, (0, 0))[1]]
        for level in spec.levels:
            opts = [o for o in spec.options if o.level is level]
            if opts:
                spec.option_levels.append((level, opts))
        enums = [
            ("Protocol levels (spec/levels.yaml).", "level", spec.levels),
            ("Protocol domains (spec/domains.yaml).", "domain", spec.domains),
            ("Socket types (spec/socket_types.yaml).", "socket_type", spec.socket_types),
            ("Protocols known without protocols(5) (spec/protocols.yaml).", "protocol",
             spec.protocols),
            ("Message flags (spec/msg_flags.yaml).", "msg_flag", spec.msg_flags),
            ("supports() features (spec/features.yaml).", "feature", spec.features),
        ]
        for group in spec.counter_groups:
            enums.append((f"Counters of group {group.name} (spec/counters.yaml).",
                          f"{group.name}_counter", group.counters))
        spec.id_enums = [(doc, name, [cpp_id(i.name) for i in items])
                         for doc, name, items in enums]

    # -- levels and named constants -------------------------------------------
    def _levels(self) -> None:
        doc = self.docs.get("levels.yaml")
        if doc is None:
            return
        self.errors.extend(_unique(doc, doc.data["levels"], "name", "level", ["levels"]))
        for i, item in enumerate(doc.data["levels"]):
            constants = item.get("constants", [])
            native = bool(constants)
            if item["name"] == "otp" and native:
                self.err(doc, ["levels", i, "constants"], "the otp level has no C constant")
            if item["name"] != "otp" and not native:
                self.err(doc, ["levels", i], f"level '{item['name']}' needs constants")
            level = model.Level(item["name"], constants, item["doc"], native,
                                _alternatives(constants), index=i)
            self.levels.setdefault(level.name, level)
        self.spec.levels = list(self.levels.values())

    def _named(self, file: str, key: str) -> List[model.Named]:
        doc = self.docs.get(file)
        if doc is None:
            return []
        items = doc.data[key]
        self.errors.extend(_unique(doc, items, "name", key.rstrip("s").replace("_", " "), [key]))
        return [model.Named(i["name"], i["constants"], i["doc"], _alternatives(i["constants"]),
                            openable=i.get("openable", True))
                for i in items]

    # -- value types --------------------------------------------------------------
    def _types(self) -> None:
        doc = self.docs.get("types.yaml")
        if doc is None:
            return
        items = doc.data["types"]
        self.errors.extend(_unique(doc, items, "name", "type", ["types"]))
        for i, item in enumerate(items):
            t = model.ValueType(name=item["name"], kind=item["kind"], doc=item["doc"],
                                ctype=item.get("ctype", ""),
                                integer_fallback=item.get("integer_fallback", False),
                                decode_mask=item.get("decode_mask", ""),
                                value_range=((item["range"]["min"], item["range"]["max"])
                                             if "range" in item else None),
                                max_length=item.get("max_length", 0),
                                get_size=item.get("get_size", 0),
                                codec=item.get("codec", ""), line=doc.line(["types", i]))
            t.specials = [(s["atom"], s["value"]) for s in item.get("specials", [])]
            if t.name not in self.types:
                self.types[t.name] = t
        # Then references between types: every type's own codec first, since
        # a struct may name a type defined after it.
        for phase in (self._resolve_type, self._resolve_struct):
            for i, item in enumerate(items):
                t = self.types[item["name"]]
                if t.line != doc.line(["types", i]):
                    continue  # a duplicate, already reported
                phase(doc, i, item, t)
        for index, t in enumerate(self.types.values()):
            t.index = index
        self.spec.types = list(self.types.values())

    def _resolve_type(self, doc: Document, i: int, item: dict, t: model.ValueType) -> None:
        base = ["types", i]
        if t.kind == "enum":
            for j, v in enumerate(item.get("values", [])):
                t.values.append(model.EnumValue(v["atom"], v.get("constant"), v.get("value")))
            source = item.get("values_from")
            if source is not None:
                if source not in self.named or not self.docs.get(source + ".yaml"):
                    self.err(doc, base + ["values_from"],
                             f"values_from '{source}': spec/{source}.yaml is missing")
                for n in self.named.get(source, []):
                    t.values.append(model.EnumValue(n.name, n.constants[0], None))
            seen: Dict[str, int] = {}
            for v in t.values:
                if v.atom in seen:
                    self.err(doc, base, f"enum '{t.name}' names atom '{v.atom}' twice")
                seen[v.atom] = 1
        if t.kind in ("bool", "int", "enum", "string", "struct", "address"):
            t.can_encode = t.can_decode = True
        if t.kind == "bool":
            t.put_fn, t.get_fn = "put_bool", "get_bool"
        elif t.kind == "int":
            t.put_fn = f"put_ranged_{t.name}" if t.value_range else "put_int"
            t.get_fn = "get_int"
        elif t.kind == "enum":
            t.put_fn, t.get_fn = f"put_enum_{t.name}", f"get_enum_{t.name}"
        elif t.kind == "address" and t.codec in ADDRESS_CODECS:
            t.put_fn, t.get_fn = ADDRESS_CODECS[t.codec][:2]
            t.ctype = t.codec
        if t.kind == "address":
            if t.codec not in ADDRESS_CODECS:
                self.err(doc, base + ["codec"], f"unknown address codec '{t.codec}' "
                         f"(known: {', '.join(sorted(ADDRESS_CODECS))})")
            else:
                t.native_size = ADDRESS_CODECS[t.codec][2]
        if t.kind == "special":
            if t.codec not in SPECIAL_CODECS:
                self.err(doc, base + ["codec"], f"unknown special codec '{t.codec}' "
                         f"(known: {', '.join(sorted(SPECIAL_CODECS))})")
            else:
                t.can_encode, t.can_decode, t.native_size = SPECIAL_CODECS[t.codec]
                if t.can_encode:
                    t.encode_fn = f"&special::encode_{t.codec}"
                if t.can_decode:
                    t.decode_fn = f"&special::decode_{t.codec}"
        elif t.kind != "erlang":
            t.encode_fn = f"&gen::encode_{t.name}"
            t.decode_fn = f"&gen::decode_{t.name}"
        if t.kind in ("bool", "int", "enum"):
            t.native_size = f"sizeof({t.ctype})"
        elif t.kind == "string":
            t.native_size = str(t.get_size)
            if t.get_size < 1:
                self.err(doc, base + ["get_size"], "get_size must be positive")
        elif t.kind == "struct":
            t.native_size = f"sizeof({t.ctype})"

    def _resolve_struct(self, doc: Document, i: int, item: dict, t: model.ValueType) -> None:
        base = ["types", i]
        if t.kind == "struct":
            keys = set()
            for j, f in enumerate(item["fields"]):
                ft = self.types.get(f["type"])
                path = base + ["fields", j, "type"]
                if f["key"] in keys:
                    self.err(doc, base + ["fields", j, "key"], f"duplicate field key '{f['key']}'")
                keys.add(f["key"])
                if ft is None:
                    self.err(doc, path, f"unknown type '{f['type']}'")
                    continue
                if ft.kind not in ("bool", "int", "enum", "address") or ft.specials:
                    self.err(doc, path, f"field type '{ft.name}' must be a plain bool, int, "
                             "enum or address type")
                    continue
                fld = model.Field(f["key"], f["field"], ft, ft.put_fn, ft.get_fn)
                t.fields.append(fld)
            for j, sh in enumerate(item.get("shorthands", [])):
                value = sh["value"]
                missing = sorted(keys - set(value))
                unknown = sorted(set(value) - keys)
                if missing or unknown:
                    self.err(doc, base + ["shorthands", j, "value"],
                             f"shorthand '{sh['atom']}' must give exactly the fields "
                             f"{sorted(keys)}")
                    continue
                t.shorthands.append(model.Shorthand(
                    sh["atom"], [(k, _term_expr(value[k])) for k in
                                 [f["key"] for f in item["fields"]]]))

    # -- options ------------------------------------------------------------------
    def _options(self) -> None:
        seen_levels: Dict[str, str] = {}
        for doc in self.option_docs:
            level_name = doc.data["level"]
            level = self.levels.get(level_name)
            stem = doc.name.rsplit("/", 1)[-1][:-len(".yaml")]
            if level is None:
                self.err(doc, ["level"], f"unknown level '{level_name}'")
                continue
            if stem != level_name:
                self.err(doc, ["level"], f"the options of level '{level_name}' belong in "
                         f"options/{level_name}.yaml")
            if level_name in seen_levels:
                self.err(doc, ["level"], f"level '{level_name}' already has its options in "
                         f"{seen_levels[level_name]}")
                continue
            seen_levels[level_name] = doc.name
            self.spec.option_files.append(doc.name)
            items = doc.data["options"]
            self.errors.extend(_unique(doc, items, "name", f"option of level {level_name}",
                                       ["options"]))
            names = set()
            for i, item in enumerate(items):
                if item["name"] in names:
                    continue
                names.add(item["name"])
                opt = self._option(doc, i, item, level)
                if opt is not None:
                    self.spec.options.append(opt)
                    if not level.native:
                        self.spec.otp_options.append(opt)
        self.spec.options.sort(key=lambda o: (o.level.name, o.name))

    def _option(self, doc: Document, i: int, item: dict, level: model.Level):
        base = ["options", i]
        constants = item.get("constants") or ([item["constant"]] if "constant" in item else [])
        vtype = None
        if "type" in item:
            vtype = self.types.get(item["type"])
            if vtype is None:
                self.err(doc, base + ["type"], f"unknown type '{item['type']}'")
                return None
        elif "disabled" not in item:
            self.err(doc, base, f"option '{item['name']}' needs a type (or a disabled reason)")
            return None
        if level.native:
            if not constants:
                self.err(doc, base, f"option '{item['name']}' of level {level.name} "
                         "needs a constant")
                return None
            if vtype is not None and vtype.kind == "erlang":
                self.err(doc, base + ["type"], f"type '{vtype.name}' is for otp options only")
                return None
        else:
            if constants:
                self.err(doc, base, "otp options have no C constant")
                return None
            if vtype is not None and vtype.kind != "erlang":
                self.err(doc, base + ["type"], f"otp options take erlang types, not "
                         f"'{vtype.name}'")
                return None
        access = item["access"]
        if vtype is not None and vtype.kind != "erlang":
            if access in ("get", "both") and not vtype.can_decode:
                self.err(doc, base + ["access"], f"access {access}: type '{vtype.name}' "
                         "cannot be read")
                return None
            if access in ("set", "both") and not vtype.can_encode:
                self.err(doc, base + ["access"], f"access {access}: type '{vtype.name}' "
                         "cannot be written")
                return None
        number = item.get("number")
        default = item.get("default")
        if level.native and (number is not None or default is not None):
            self.err(doc, base, "number and default belong to otp options only")
            return None
        if not level.native and number is None:
            self.err(doc, base, f"otp option '{item['name']}' needs its number")
            return None
        opt = model.Option(level=level, name=item["name"], constants=constants,
                           guard=item.get("guard"), type=vtype, access=access,
                           disabled=item.get("disabled"), doc=item["doc"], source=doc.name,
                           line=doc.line(base), number=number or 0, default=default)
        opt.alternatives = _alternatives(constants, opt.guard)
        opt.supported_expr = "false" if opt.disabled else f"level_table[{level.index}].defined"
        if item.get("callable") and not opt.disabled:
            self.err(doc, base + ["callable"], "callable only applies to a disabled option")
        usable = vtype is not None and level.native and (not opt.disabled or item.get("callable"))
        opt.usable_expr = f"level_table[{level.index}].defined" if usable else "false"
        if vtype is not None:
            opt.type_ref = f"&value_type_table[{vtype.index}]"
        return opt

    # -- control messages ---------------------------------------------------------
    def _cmsgs(self) -> None:
        doc = self.docs.get("cmsgs.yaml")
        if doc is None:
            return
        seen: Dict[tuple, int] = {}
        for i, item in enumerate(doc.data["cmsgs"]):
            base = ["cmsgs", i]
            level = self.levels.get(item["level"])
            if level is None or not level.native:
                self.err(doc, base + ["level"], f"control messages need an OS level, not "
                         f"'{item['level']}'")
                continue
            key = (item["level"], item["type"])
            if key in seen:
                self.err(doc, base + ["type"], f"duplicate control message {{{key[0]}, "
                         f"{key[1]}}} (first at line {seen[key]})")
                continue
            seen[key] = doc.line(base)
            direction = item["direction"]
            send_name = item.get("send_value", item.get("value"))
            recv_name = item.get("recv_value", item.get("value"))
            if direction == "recv" and "send_value" in item:
                self.err(doc, base + ["send_value"], "a recv-only message has no send_value")
                continue
            if direction == "send" and "recv_value" in item:
                self.err(doc, base + ["recv_value"], "a send-only message has no recv_value")
                continue
            if direction == "recv":
                send_name = None
            if direction == "send":
                recv_name = None
            send_t = recv_t = None
            ok = True
            for name, what, path in ((send_name, "send", "send_value"),
                                     (recv_name, "recv", "recv_value")):
                if name is None:
                    continue
                t = self.types.get(name)
                p = base + [path if path in item else "value"]
                if t is None:
                    self.err(doc, p, f"unknown type '{name}'")
                    ok = False
                elif what == "send" and not t.can_encode:
                    self.err(doc, p, f"type '{name}' cannot be written")
                    ok = False
                elif what == "recv" and not t.can_decode:
                    self.err(doc, p, f"type '{name}' cannot be read")
                    ok = False
                elif what == "send":
                    send_t = t
                else:
                    recv_t = t
            if not ok:
                continue
            c = model.Cmsg(level, item["type"], item["constant"], direction, send_t, recv_t,
                           item["doc"], doc.line(base))
            if send_t is not None:
                c.send_ref = f"&value_type_table[{send_t.index}]"
            if recv_t is not None:
                c.recv_ref = f"&value_type_table[{recv_t.index}]"
            self.spec.cmsgs.append(c)
        self.spec.cmsgs.sort(key=lambda c: (c.level.name, c.type))

    # -- flags, ioctl, features -------------------------------------------------
    def _flags(self) -> None:
        doc = self.docs.get("msg_flags.yaml")
        if doc is not None:
            items = doc.data["msg_flags"]
            self.errors.extend(_unique(doc, items, "name", "msg flag", ["msg_flags"]))
            bits = {"send": "where_send", "recv": "where_recv", "msghdr": "where_msghdr"}
            for item in items:
                n = model.Named(item["name"], [item["constant"]], item["doc"],
                                _alternatives([item["constant"]]), where=item["where"])
                n.where_bits = " | ".join(bits[w] for w in item["where"])
                self.spec.msg_flags.append(n)
        doc = self.docs.get("ioctl.yaml")
        if doc is not None:
            for key, target in (("ioctl_requests", self.spec.ioctl_requests),
                                ("ioctl_flags", self.spec.ioctl_flags)):
                items = doc.data[key]
                self.errors.extend(_unique(doc, items, "name", key.replace("_", " ")[:-1],
                                           [key]))
                for item in items:
                    n = model.Named(item["name"], [item["constant"]], item["doc"],
                                    _alternatives([item["constant"]]),
                                    access=item.get("access", ""))
                    n.where_bits = {"get": "1", "set": "2"}.get(n.access, "0")
                    target.append(n)

    def _features(self) -> None:
        doc = self.docs.get("features.yaml")
        if doc is None:
            return
        items = doc.data["features"]
        self.errors.extend(_unique(doc, items, "name", "feature", ["features"]))
        self.spec.features = [model.Feature(i["name"], i["condition"], i["doc"]) for i in items]

    def _counters(self) -> None:
        doc = self.docs.get("counters.yaml")
        if doc is None:
            return
        groups = doc.data["counters"]
        self.errors.extend(_unique(doc, groups, "group", "counter group", ["counters"]))
        seen: Dict[str, int] = {}
        for i, g in enumerate(groups):
            names = []
            for j, n in enumerate(g["names"]):
                line = doc.line(["counters", i, "names", j, "name"])
                if n["name"] in seen:
                    self.err(doc, ["counters", i, "names", j, "name"],
                             f"duplicate counter '{n['name']}' (first at line {seen[n['name']]})")
                    continue
                seen[n["name"]] = line
                counter = model.Counter(n["name"], n["doc"])
                counts = n.get("counts")
                if counts is not None:
                    kind, arg = next(iter(counts.items()))
                    counter.counts_kind = kind
                    if kind == "value":
                        counter.counts_arg = str(arg)
                    elif kind == "sockets":
                        counter.counts_arg = "0"
                    else:
                        table = {"domain": self.spec.domains, "type": self.spec.socket_types,
                                 "protocol": self.spec.protocols}[kind]
                        names_here = [e.name for e in table]
                        if arg not in names_here:
                            self.err(doc, ["counters", i, "names", j, "counts", kind],
                                     f"counts {kind} '{arg}', which spec/"
                                     f"{'socket_types' if kind == 'type' else kind + 's'}.yaml"
                                     " does not name")
                            continue
                        enum = {"domain": "domain", "type": "socket_type",
                                "protocol": "protocol"}[kind]
                        counter.counts_arg = f"index({enum}::{cpp_id(arg)})"
                names.append(counter)
            group = model.CounterGroup(g["group"], g["doc"], names)
            with_counts = [c for c in names if c.counts_kind]
            if with_counts and len(with_counts) != len(names):
                self.err(doc, ["counters", i, "names"],
                         f"either every counter of group '{g['group']}' says what it counts, "
                         "or none")
            group.counts_rules = bool(with_counts) and len(with_counts) == len(names)
            self.spec.counter_groups.append(group)
