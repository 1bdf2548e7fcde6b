# SPDX-License-Identifier: Apache-2.0
"""YAML loading that remembers where every value came from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import yaml


class SpecError(Exception):
    """A problem in a spec file, reported as `FILE:LINE: error: MESSAGE`."""

    def __init__(self, file: str, line: int, message: str):
        super().__init__(f"{file}:{line}: error: {message}")
        self.file = file
        self.line = line
        self.message = message


@dataclass
class Document:
    """One parsed spec file: its data and the node tree that knows the lines."""

    name: str  # as printed in messages, e.g. "spec/errors.yaml"
    data: Any
    root: yaml.Node

    def line(self, path: Sequence[Any]) -> int:
        """1-based line of the value at `path` (keys and list indices); the
        deepest existing prefix when the path does not exist (a missing key is
        reported where its mapping starts)."""
        node = self.root
        for step in path:
            nxt = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == step:
                        nxt = value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    nxt = node.value[step]
            if nxt is None:
                break
            node = nxt
        return node.start_mark.line + 1

    def key_line(self, path: Sequence[Any]) -> int:
        """Line of the key that ends `path` (where `name:` is written)."""
        if not path:
            return 1
        parent = self.root
        for step in path[:-1]:
            found = None
            if isinstance(parent, yaml.MappingNode):
                for key_node, value_node in parent.value:
                    if key_node.value == step:
                        found = value_node
            elif isinstance(parent, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(parent.value):
                    found = parent.value[step]
            if found is None:
                return self.line(path)
            parent = found
        if isinstance(parent, yaml.MappingNode):
            for key_node, _ in parent.value:
                if key_node.value == path[-1]:
                    return key_node.start_mark.line + 1
        return self.line(path)

    def error(self, path: Sequence[Any], message: str) -> SpecError:
        return SpecError(self.name, self.line(path), message)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that rejects repeated mapping keys, which plain YAML
    loading silently collapses (the later value would win unseen)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark)
            seen[key] = True
        return super().construct_mapping(node, deep=deep)


def load(path: Path, display_name: str) -> Document:
    """Parses one YAML file; syntax errors become SpecError with the line."""
    text = path.read_text(encoding="utf-8")
    loader = _UniqueKeyLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise SpecError(display_name, 1, "empty file")
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise SpecError(display_name, line, f"YAML: {exc.problem or exc}") from None
    finally:
        loader.dispose()
    return Document(display_name, data, root)
