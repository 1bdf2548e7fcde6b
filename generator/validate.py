# SPDX-License-Identifier: Apache-2.0
"""Schema validation of a loaded spec file, with errors mapped to lines."""

from __future__ import annotations

from pathlib import Path
from typing import List

import jsonschema

from .loader import Document, SpecError, load


class SpecErrors(Exception):
    """Every problem found in one pass, in file and line order."""

    def __init__(self, errors: List[SpecError]):
        self.errors = sorted(errors, key=lambda e: (e.file, e.line, e.message))
        super().__init__("\n".join(str(e) for e in self.errors))


def _describe(err: jsonschema.ValidationError) -> str:
    where = "/".join(str(p) for p in err.absolute_path)
    prefix = f"{where}: " if where else ""
    return prefix + err.message


def schema_errors(doc: Document, schema_path: Path) -> List[SpecError]:
    """Checks `doc` against the JSON Schema (draft-07, written in YAML)."""
    schema_doc = load(schema_path, str(schema_path))
    validator = jsonschema.Draft7Validator(schema_doc.data)
    found = []
    for err in validator.iter_errors(doc.data):
        path = list(err.absolute_path)
        line = doc.line(path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = set(err.schema.get("properties", {}))
            extras = sorted(k for k in err.instance if k not in allowed)
            if extras:
                line = doc.key_line(path + [extras[0]])
        elif path:
            line = doc.key_line(path)
        found.append(SpecError(doc.name, line, _describe(err)))
    return found
