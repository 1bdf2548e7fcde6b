# SPDX-License-Identifier: Apache-2.0
"""The ioctl part of the model (spec/ioctl.yaml beyond the request and flag
tables spec.py builds): what each request of ioctl/2,3,4 takes and reads
or writes, the requests OTP 25's NIF does not list, the order gifflags
lists flags in and the hardware types gifhwaddr names."""

from __future__ import annotations

from typing import Dict, List

from . import model
from .loader import Document, SpecError

# The values a set request can write, each also the atom of the
# {invalid, Value} a value that does not fit gives.
SET_VALUES = ("flags", "sockaddr", "mtu", "txqlen")


def build(doc: Document | None, spec: model.Spec) -> List[SpecError]:
    """Fills spec.ioctl from ioctl.yaml (whose request and flag tables are
    in spec already, in the same order); returns the meaning errors."""
    if doc is None:
        return []
    from .spec import _alternatives, _unique  # spec.py imports this module

    errors: List[SpecError] = []
    listed = doc.data["ioctl_requests"]
    unlisted = doc.data.get("ioctl_unlisted_requests", [])
    seen: Dict[str, int] = {item["name"]: doc.line(["ioctl_requests", i, "name"])
                            for i, item in enumerate(listed)}
    requests = spec.ioctl.requests
    for key, items in (("ioctl_requests", listed), ("ioctl_unlisted_requests", unlisted)):
        for i, item in enumerate(items):
            base = [key, i]
            if key == "ioctl_unlisted_requests":
                if item["name"] in seen:
                    errors.append(doc.error(base + ["name"], f"request '{item['name']}' is "
                                            f"listed already (line {seen[item['name']]})"))
                    continue
                seen[item["name"]] = doc.line(base + ["name"])
            errors.extend(_check_shape(doc, base, item))
            requests.append(model.IoctlRequest(
                item["name"], item["access"], item["argument"], item["value"], item["doc"],
                listed=i if key == "ioctl_requests" else -1))
    index = {r.name: n for n, r in enumerate(requests) if r.listed >= 0}
    for i, item in enumerate(listed):
        source = item.get("starts_from")
        if source is None:
            continue
        target = index.get(source)
        if target is None or requests[target].access != "get" or \
                requests[target].value != item["value"]:
            errors.append(doc.error(["ioctl_requests", i, "starts_from"],
                                    f"starts_from '{source}' is no listed get request of "
                                    f"value {item['value']}"))
            continue
        requests[i].starts_from = target
    errors.extend(_flag_order(doc, spec))
    types = doc.data.get("ioctl_hardware_types", [])
    errors.extend(_unique(doc, types, "name", "hardware type", ["ioctl_hardware_types"]))
    spec.ioctl.hardware_types = [
        model.Named(t["name"], [t["constant"]], t["doc"], _alternatives([t["constant"]]))
        for t in types]
    return errors


def _check_shape(doc: Document, base: list, item: dict) -> List[SpecError]:
    """The argument, value and starts_from of one request agree with its access."""
    access, argument, value = item["access"], item["argument"], item["value"]
    if (argument == "none") != (value == "ifconf"):
        return [doc.error(base + ["argument"], "only an ifconf request takes no argument")]
    if access == "set":
        if argument != "ifname":
            return [doc.error(base + ["argument"], "a set request takes an interface name")]
        if value not in SET_VALUES:
            return [doc.error(base + ["value"], f"a set request cannot write {value} "
                              f"(only {', '.join(SET_VALUES)})")]
        # An unlisted request (no constant) never runs, so needs no source.
        if value == "flags" and "starts_from" not in item and "constant" in item:
            return [doc.error(base, "a set of flags needs starts_from (the get it changes)")]
    elif "starts_from" in item:
        return [doc.error(base + ["starts_from"], "only a set request starts from a get")]
    return []


def _flag_order(doc: Document, spec: model.Spec) -> List[SpecError]:
    """spec.ioctl.flag_order from the flags' positions, which must number
    them 0..N-1."""
    flags = doc.data["ioctl_flags"]
    by_position: Dict[int, int] = {}
    errors = []
    for i, item in enumerate(flags):
        pos = item["position"]
        if pos in by_position or pos >= len(flags):
            errors.append(doc.error(["ioctl_flags", i, "position"],
                                    f"position {pos} is taken or not below {len(flags)}"))
            continue
        by_position[pos] = i
    if not errors:
        spec.ioctl.flag_order = [(by_position[p], flags[by_position[p]]["name"])
                                 for p in range(len(flags))]
    return errors
