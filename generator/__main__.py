# SPDX-License-Identifier: Apache-2.0
"""Command line: python3 -m generator [--check] [--spec DIR] [--root DIR]."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from .loader import SpecError
from .render import REGEN_COMMAND, render_all
from .spec import load_spec
from .validate import SpecErrors


def main(argv=None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(prog="generator", description=__doc__)
    parser.add_argument("--spec", type=Path, default=root / "spec", help="spec directory")
    parser.add_argument("--root", type=Path, default=root,
                        help="where generated/ and docs/ are (the repository)")
    parser.add_argument("--schema", type=Path, default=None,
                        help="schema directory (default: SPEC/schema)")
    parser.add_argument("--display-root", default="spec",
                        help="how spec paths are printed in messages")
    parser.add_argument("--check", action="store_true",
                        help="compare with the files under --root instead of writing them")
    parser.add_argument("--stamp", type=Path, default=None,
                        help="file to touch after a successful run (for build systems)")
    args = parser.parse_args(argv)
    try:
        spec = load_spec(args.spec, args.display_root, args.schema)
        files = render_all(spec)
    except (SpecErrors, SpecError) as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.check:
        stale = []
        for rel, text in sorted(files.items()):
            path = args.root / rel
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if old != text:
                stale.append(rel)
                diff = difflib.unified_diff(
                    (old or "").splitlines(True), text.splitlines(True),
                    f"{rel} (committed)", f"{rel} (fresh)", n=1)
                sys.stderr.writelines(list(diff)[:40])
        if stale:
            print(f"generated files are stale: {', '.join(stale)}\n"
                  f"regenerate with: {REGEN_COMMAND}", file=sys.stderr)
            return 1
        return 0
    for rel, text in sorted(files.items()):
        path = args.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
    if args.stamp:
        args.stamp.write_text("", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
