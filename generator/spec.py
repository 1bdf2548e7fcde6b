"""Load -> validate -> model. Errors read `spec/FILE.yaml:LINE: error: ...`."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from . import model
from .loader import Document, SpecError, load
from .validate import SpecErrors, schema_errors

# Spec files in load order. A file that does not exist contributes nothing,
# so that small sample specs (tests) can hold just the part they exercise.
SPEC_FILES = [
    "errors.yaml",
]


def _display(spec_dir: Path, name: str, display_root: str) -> str:
    return f"{display_root}/{name}" if display_root else str(spec_dir / name)


def load_spec(spec_dir: Path, display_root: str = "spec") -> model.Spec:
    """Reads and checks every spec file under `spec_dir`; raises SpecErrors
    listing every problem found (schema problems stop before meaning checks,
    since the meaning checks assume well-formed entries)."""
    schema_dir = spec_dir / "schema"
    docs: Dict[str, Document] = {}
    errors: List[SpecError] = []
    for name in SPEC_FILES:
        path = spec_dir / name
        if not path.exists():
            continue
        schema = schema_dir / name
        display = _display(spec_dir, name, display_root)
        if not schema.exists():
            errors.append(SpecError(display, 1, f"no schema {schema_dir.name}/{name}"))
            continue
        try:
            doc = load(path, display)
        except SpecError as exc:
            errors.append(exc)
            continue
        errs = schema_errors(doc, schema)
        if errs:
            errors.extend(errs)
            continue
        docs[name] = doc
    if errors:
        raise SpecErrors(errors)
    spec = model.Spec()
    errors.extend(_build_errors(spec, docs.get("errors.yaml")))
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
            line=doc.line(["errors", idx])))
    spec.errors.sort(key=lambda e: e.atom)
    return errs
