#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The second README command: the whole test suite in a normal build (build/)
# and in an AddressSanitizer + UndefinedBehaviorSanitizer build (build-san/),
# plus the concurrent suites (runtime, stress, term, robust) under
# ThreadSanitizer (build-tsan/) and the fault-injection driver in a build
# with the platform layer's hooks (build-fault/, docs/reliability.md); then
# the normal build's tests once more as an unprivileged user and once
# inside a fresh network namespace that has only lo, with IPv6 disabled (each skipped, saying why, where this host cannot make one); the
# install suite (which builds programs against an installed tree) runs in
# the first run only, as it depends on neither. Ends
# with the line "N passed, N failed" counted over every test case of every
# run. Exit status 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."

tools/deps.sh || exit 1

# name | meson setup options | meson test selection (empty: every test) |
# ninja targets (empty: all)
configs=(
  "build|||"
  "build-san|-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug -Dbenchmarks=false||"
  "build-tsan|-Db_sanitize=thread -Dbuildtype=debug -Dbenchmarks=false|--suite runtime --suite stress --suite term --suite robust|"
  "build-fault|-Dfault_injection=true -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug -Dbenchmarks=false|--suite fault|tests/robust/test_fault_inject"
)

export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"

python=/usr/bin/python3
state=build-test-summary.jsonl
rm -f "$state"
status=0

# run LABEL DIR LOGBASE MULTIPLIER [PREFIX...] -- [SELECTION...]: one meson test
# run of DIR, started through PREFIX (another user, a namespace), recorded.
run() {
  local label=$1 dir=$2 logbase=$3 multiplier=$4
  shift 4
  local prefix=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do prefix+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  # Writable by all: the unprivileged run writes its reports here too.
  rm -rf "$dir/tests/junit" && mkdir -p "$dir/tests/junit" && chmod a+rwx "$dir/tests/junit"
  echo "== $label: meson test"
  "${prefix[@]}" meson test -C "$dir" --no-rebuild --print-errorlogs -t "$multiplier" \
    --num-processes 2 --logbase "$logbase" "$@" | tail -n 12 || status=1
  $python tools/test_summary.py record "$label" "$dir" "$logbase" "$state" || status=1
}

for entry in "${configs[@]}"; do
  IFS='|' read -r dir opts selection targets <<<"$entry"
  if [ ! -f "$dir/build.ninja" ]; then
    # shellcheck disable=SC2086
    meson setup "$dir" $opts >/dev/null || { echo "esock: configuring $dir failed" >&2; status=1; continue; }
  fi
  # shellcheck disable=SC2086
  if ! ninja -C "$dir" $targets >"$dir.ninja.log" 2>&1; then
    tail -50 "$dir.ninja.log" >&2
    echo "esock: building $dir failed" >&2
    echo "{\"run\": \"$dir\", \"counts\": [0, 1, 0]}" >>"$state"
    status=1
    continue
  fi
  multiplier=1
  [ "$dir" = build ] || multiplier=4
  # shellcheck disable=SC2086
  run "$dir" "$dir" testlog "$multiplier" -- $selection
done

# As an unprivileged user: root can do what the suite must not depend on.
if [ -f build/build.ninja ]; then
  if [ "$(id -u)" -ne 0 ]; then
    run "build (as $(id -un), unprivileged)" build testlog-unprivileged 1 -- --no-suite install
  elif command -v setpriv >/dev/null; then
    as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    # The user must reach the tree and write the run's logs and reports.
    chmod a+rwx build/meson-logs build/tests 2>/dev/null
    if "${as_nobody[@]}" test -r build/build.ninja -a -w build/meson-logs -a -w build/tests; then
      run "build (as nobody)" build testlog-unprivileged 1 env HOME=/tmp "${as_nobody[@]}" -- --no-suite install
    else
      echo "== build (as nobody): skipped: user nobody cannot read this tree"
    fi
  else
    echo "== build (as nobody): skipped: setpriv is missing"
  fi

  # In a network namespace with only lo, and IPv6 disabled: no host network
  # and no ::1 to lean on. Root makes one directly; others through a user
  # namespace where the kernel allows it.
  netns_setup='ip link set lo up &&
    echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6 &&
    echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6 &&
    exec "$@"'
  unshare_cmd=(unshare -n)
  [ "$(id -u)" -eq 0 ] || unshare_cmd=(unshare -rn)
  if command -v unshare >/dev/null && command -v ip >/dev/null &&
     "${unshare_cmd[@]}" sh -c "$netns_setup" sh true 2>/dev/null; then
    run "build (netns, lo only, no IPv6)" build testlog-netns 1 \
      "${unshare_cmd[@]}" sh -c "$netns_setup" sh -- --no-suite install
  else
    echo "== build (netns, lo only, no IPv6): skipped: cannot make a network namespace here"
  fi
fi

$python tools/test_summary.py total "$state" || status=1
exit $status
