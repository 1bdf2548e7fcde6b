# SPDX-License-Identifier: Apache-2.0
"""The inet option table (spec/inet_options.yaml): load its entries into the
model, checking every reference against the rest of the spec."""

from __future__ import annotations

import re
from typing import Dict, List

from . import model
from .loader import Document, SpecError

# The value checks runtime/src/inet/options.cpp implements.
CHECKS = frozenset("""
    boolean integer non_neg_integer timeout active enum linger binary filename
    raw multicast_if membership get_only address port module""".split())
# The value conversions between inet's form and the socket level's.
CONVERSIONS = frozenset("none linger device enum_integer pktoptions membership".split())

FAMILY_BITS = {"inet": "family_inet", "inet6": "family_inet6"}
TYPE_BITS = {"stream": "type_stream", "dgram": "type_dgram"}
CONTEXT_BITS = {c: f"context_{c}" for c in ("connect", "listen", "udp_open", "setopts",
                                              "getopts")}


def _mask(items: List[str], bits: Dict[str, str]) -> str:
    return " | ".join(bits[i] for i in items)


def _socket_doc(o: model.InetOption) -> str:
    if o.native:
        return "the native option path"
    if not o.socket:
        return "-"
    parts = []
    for t in o.socket:
        text = f"`{{{t.level},{t.option}}}`"
        if t.family:
            text += f" on {t.family}"
        if t.conversion != "none":
            text += f" ({t.conversion})"
        parts.append(text)
    return ", else ".join(parts)


def build(spec: model.Spec, doc: Document | None) -> List[SpecError]:
    """Fills spec.inet_types and spec.inet_options from `doc`; returns the
    meaning errors found (duplicates, unknown references)."""
    if doc is None:
        return []
    errors: List[SpecError] = []
    types: Dict[str, model.InetValueType] = {}
    for i, item in enumerate(doc.data["types"]):
        base = ["types", i]
        if item["name"] in types:
            errors.append(doc.error(base + ["name"], f"duplicate inet type '{item['name']}'"))
            continue
        if item["check"] not in CHECKS:
            errors.append(doc.error(base + ["check"], f"unknown check '{item['check']}' "
                                    f"(known: {', '.join(sorted(CHECKS))})"))
            continue
        values = [model.InetEnumValue(v.get("atom"), v.get("integer"), v.get("reads_as"))
                  for v in item.get("values", [])]
        if (item["check"] == "enum") != bool(values):
            errors.append(doc.error(base, "an enum check needs values, and only it takes them"))
            continue
        t = model.InetValueType(item["name"], item["check"], values, item["doc"],
                                index=len(types))
        if values:
            t.values_ref = f"enum_values_{t.name}"
        types[t.name] = t
    spec.inet_types = list(types.values())

    socket_options = {(o.level.name, o.name): o for o in spec.options}
    names: Dict[str, int] = {}
    for i, item in enumerate(doc.data["options"]):
        base = ["options", i]
        name = item["name"]
        if name in names:
            errors.append(doc.error(base + ["name"], f"duplicate inet option '{name}' "
                                    f"(first at line {names[name]})"))
            continue
        names[name] = doc.line(base)
        vtype = None
        if "type" in item:
            vtype = types.get(item["type"])
            if vtype is None:
                errors.append(doc.error(base + ["type"], f"unknown inet type '{item['type']}'"))
                continue
        elif "means" not in item and not item.get("module_choice"):
            errors.append(doc.error(base, f"option '{name}' needs a type, or `means` for an "
                                    "atom option"))
            continue
        targets = []
        for j, s in enumerate(item.get("socket", [])):
            level, opt = s["option"].split(".")
            if (level, opt) not in socket_options:
                errors.append(doc.error(base + ["socket", j, "option"],
                                        f"no socket option {{{level}, {opt}}} in spec/options/"))
                continue
            conversion = s.get("conversion", "none")
            if conversion not in CONVERSIONS:
                errors.append(doc.error(base + ["socket", j, "conversion"],
                                        f"unknown conversion '{conversion}' "
                                        f"(known: {', '.join(sorted(CONVERSIONS))})"))
                continue
            target = model.InetSocketTarget(level, opt, s.get("family"), conversion)
            if target.family:
                target.families_expr = FAMILY_BITS[target.family]
            if conversion == "enum_integer":
                vt = socket_options[(level, opt)].type
                if vt is None or vt.kind != "enum":
                    errors.append(doc.error(base + ["socket", j, "conversion"],
                                            f"enum_integer needs an enum type, and "
                                            f"{{{level}, {opt}}} has none"))
                    continue
                target.names = [(v.atom, v.constant) for v in vt.values if v.constant]
                target.names_ref = (f"std::span<const named_integer>(names_{name}_{j})")
                target.names_id = f"names_{name}_{j}"
            targets.append(target)
        if item.get("native") and targets:
            errors.append(doc.error(base, "a native option maps onto no socket option"))
            continue
        o = model.InetOption(
            name=name, type=vtype, default=item.get("default"),
            udp4_default=item.get("udp4_default"), means=item.get("means"), socket=targets,
            native=item.get("native", False),
            families=item.get("families", ["inet", "inet6"]),
            socket_types=item.get("socket_types", ["stream", "dgram"]),
            contexts=item["contexts"], module_choice=item.get("module_choice", False),
            reads_back_at_least=item.get("reads_back_at_least"), newer=item.get("newer", False),
            doc=item["doc"], line=doc.line(base),
            kernel_errors_ignored=item.get("kernel_errors") == "ignored",
            minimum=item.get("minimum"))
        if vtype is not None:
            o.type_ref = f"&value_types[{vtype.index}]"
        if targets:
            o.socket_ref = f"socket_{name}"
        o.families_expr = _mask(o.families, FAMILY_BITS)
        o.socket_types_expr = _mask(o.socket_types, TYPE_BITS)
        o.contexts_expr = _mask(o.contexts, CONTEXT_BITS)
        if o.reads_back_at_least is not None:
            o.min_expr = f"std::int64_t{{{o.reads_back_at_least}}}"
        if o.minimum is not None:
            o.minimum_expr = f"std::int64_t{{{o.minimum}}}"
        o.socket_doc = _socket_doc(o)
        o.applies_doc = ", ".join(o.families + o.socket_types)
        spec.inet_options.append(o)
    for o in spec.inet_options:
        m = re.fullmatch(r"\{([a-z][a-z0-9_]*), *(.+)\}", o.means or "")
        if o.means and (m is None or m.group(1) not in names):
            errors.append(SpecError(doc.name, o.line, f"`means` of '{o.name}' must be "
                                    "{Name, Value} with Name an option of the table"))
    spec.inet_options.sort(key=lambda o: o.name)
    spec.inet_socket_options = [o for o in spec.inet_options if o.socket]
    return errors
