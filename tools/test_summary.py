"""Counts test cases over one or more Meson build directories.

Boost.Test programs write a JUnit report per run (tests/meson.build asks for
it); each test case in it counts once. Other Meson tests count once each. A
program that failed without a failing case in its report (a crash, a timeout,
a missing report) counts as one more failure. Prints a per-build line and
ends with "N passed, N failed[, N skipped]". Exit status 1 when anything
failed or nothing ran.
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


def build_counts(build_dir):
    passed = failed = skipped = 0
    log = Path(build_dir, "meson-logs", "testlog.json")
    if not log.exists():
        print(f"{build_dir}: no test log (build or setup failed)")
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
                print(f"{build_dir}: {name} ended {result} after its cases passed")
            passed, failed, skipped = passed + p, failed + f, skipped + s
        elif result == "SKIP":
            skipped += 1
        elif ok:
            passed += 1
        else:
            failed += 1
        if not ok and result != "SKIP":
            print(f"{build_dir}: FAILED {name} ({result})")
    print(f"{build_dir}: {passed} passed, {failed} failed, {skipped} skipped")
    return passed, failed, skipped


def main(dirs):
    total = [0, 0, 0]
    for d in dirs:
        for i, n in enumerate(build_counts(d)):
            total[i] += n
    line = f"{total[0]} passed, {total[1]} failed"
    if total[2]:
        line += f", {total[2]} skipped"
    print(line)
    return 0 if total[1] == 0 and total[0] > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
