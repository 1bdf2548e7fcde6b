# SPDX-License-Identifier: Apache-2.0
"""Counts test cases over the runs of tools/test.sh.

Boost.Test programs write a JUnit report per run (tests/meson.build asks for
it); each test case in it counts once. Other Meson tests count once each. A
program that failed without a failing case in its report (a crash, a timeout,
a missing report) counts as one more failure.

  test_summary.py record LABEL BUILD_DIR LOGBASE STATE
      counts the meson test run logged as BUILD_DIR/meson-logs/LOGBASE.json
      (and the JUnit reports it left), prints a line for it and appends its
      counts to the STATE file; run it right after each run, as the next run
      in the same build directory overwrites the reports.
  test_summary.py total STATE
      ends with "N passed, N failed[, N skipped]" over every recorded run.
      Exit status 1 when anything failed or nothing ran.
"""

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def junit_counts(path):
    root = ET.parse(path).getroot()
    passed = failed = skipped = 0
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def build_counts(label, build_dir, logbase):
    passed = failed = skipped = 0
    log = Path(build_dir, "meson-logs", logbase + ".json")
    if not log.exists():
        print(f"{label}: no test log (build or setup failed)")
        return 0, 1, 0
    for line in log.read_text().splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        # "project:suite / name"
        name = entry["name"].rsplit(" / ", 1)[-1]
        result = entry["result"]
        ok = result in ("OK", "EXPECTEDFAIL")
        report = Path(build_dir, "tests", "junit", name + ".xml")
        counts = None
        if report.exists():
            try:
                counts = junit_counts(report)
            except ET.ParseError:
                counts = None
        if counts is not None and sum(counts) > 0:
            p, f, s = counts
            if not ok and f == 0:
                f = 1
                print(f"{label}: {name} ended {result} after its cases passed")
            passed, failed, skipped = passed + p, failed + f, skipped + s
        elif result == "SKIP":
            skipped += 1
        elif ok:
            passed += 1
        else:
            failed += 1
        if not ok and result != "SKIP":
            print(f"{label}: FAILED {name} ({result})")
    print(f"{label}: {passed} passed, {failed} failed, {skipped} skipped")
    return passed, failed, skipped


def record(label, build_dir, logbase, state):
    counts = build_counts(label, build_dir, logbase)
    with open(state, "a", encoding="utf-8") as f:
        f.write(json.dumps({"run": label, "counts": counts}) + "\n")
    return 0


def total(state):
    sums = [0, 0, 0]
    path = Path(state)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    for line in lines:
        for i, n in enumerate(json.loads(line)["counts"]):
            sums[i] += n
    line = f"{sums[0]} passed, {sums[1]} failed"
    if sums[2]:
        line += f", {sums[2]} skipped"
    print(line)
    return 0 if sums[1] == 0 and sums[0] > 0 else 1


def main(argv):
    if len(argv) == 5 and argv[0] == "record":
        return record(*argv[1:])
    if len(argv) == 2 and argv[0] == "total":
        return total(argv[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
