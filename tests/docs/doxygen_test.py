# SPDX-License-Identifier: Apache-2.0
"""The API reference builds without a single Doxygen warning.

Runs Doxygen with the project's Doxyfile (docs/Doxyfile.in, as configured
by Meson) into a temporary directory; an undocumented public declaration,
a broken reference or a markup error is a warning, and any warning fails
the test. Without doxygen the test is skipped (exit status 77).

Run: python3 doxygen_test.py BUILD_DIR/docs/Doxyfile
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SKIP = 77


def main() -> int:
    doxygen = shutil.which("doxygen")
    if doxygen is None:
        print("skipped: doxygen is not installed (tools/deps.sh installs it)")
        return SKIP
    config = Path(sys.argv[1]).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as out:
        # The same configuration, writing into a directory of our own.
        config = re.sub(r"^(OUTPUT_DIRECTORY\s*=).*$", rf"\1 {out}", config, flags=re.M)
        config = re.sub(r"^(WARN_LOGFILE\s*=).*$", r"\1", config, flags=re.M)
        run = subprocess.run([doxygen, "-"], input=config, capture_output=True, text=True,
                             check=False, timeout=300)
        warnings = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
        html = Path(out) / "html" / "index.html"
        if run.returncode != 0 or warnings or not html.is_file():
            print("\n".join(warnings) or f"doxygen exited with {run.returncode}")
            return 1
        pages = len(list((Path(out) / "html").glob("*.html")))
    print(f"doxygen: {pages} pages, no warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
