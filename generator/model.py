"""The spec as Python dataclasses: what the templates loop over. Every
computed field is filled in by spec.py so templates only print."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional


@dataclass
class ErrorAtom:
    """A POSIX error atom (spec/errors.yaml)."""

    atom: str
    constant: Optional[str]
    yields_to_constants: List[str]
    manual: bool
    doc: str
    line: int


@dataclass
class Spec:
    """Everything the templates see."""

    errors: List[ErrorAtom] = field(default_factory=list)
