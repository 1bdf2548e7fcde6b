#!/usr/bin/env bash
# The second README command: the whole test suite in a normal build (build/)
# and in an AddressSanitizer + UndefinedBehaviorSanitizer build (build-san/),
# plus the concurrent suites (runtime, stress, term) under ThreadSanitizer
# (build-tsan/), ending with the line "N passed, N failed" counted over every
# test case of every build. Exit status 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."

tools/deps.sh || exit 1

# name | meson setup options | meson test selection (empty: every test)
configs=(
  "build||"
  "build-san|-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug -Dbenchmarks=false|"
  "build-tsan|-Db_sanitize=thread -Dbuildtype=debug -Dbenchmarks=false|--suite runtime --suite stress --suite term"
)

export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"

dirs=()
status=0
for entry in "${configs[@]}"; do
  IFS='|' read -r dir opts selection <<<"$entry"
  dirs+=("$dir")
  if [ ! -f "$dir/build.ninja" ]; then
    # shellcheck disable=SC2086
    meson setup "$dir" $opts >/dev/null || { echo "esock: configuring $dir failed" >&2; status=1; continue; }
  fi
  if ! ninja -C "$dir" >"$dir.ninja.log" 2>&1; then
    tail -50 "$dir.ninja.log" >&2
    echo "esock: building $dir failed" >&2
    status=1
    continue
  fi
  rm -rf "$dir/tests/junit" && mkdir -p "$dir/tests/junit"
  multiplier=1
  [ "$dir" = build ] || multiplier=4
  echo "== $dir: meson test"
  # shellcheck disable=SC2086
  meson test -C "$dir" --print-errorlogs -t "$multiplier" --num-processes 2 $selection | tail -n 12 || status=1
done

/usr/bin/python3 tools/test_summary.py "${dirs[@]}" || status=1
exit $status
