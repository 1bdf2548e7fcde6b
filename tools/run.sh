#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The first README command: install what is missing, configure and build
# (build/), then run the main job. Arguments, if any, replace the main job's:
#   tools/run.sh                         -> esock supports (socket:supports())
#   tools/run.sh supports options ip
#   tools/run.sh term --format=p '"abc"'
set -euo pipefail
cd "$(dirname "$0")/.."

tools/deps.sh
# Meson's and ninja's own progress goes to stderr, so that a first build
# that takes minutes shows how far it is and stdout holds only the output
# of esock itself.
if [ ! -f build/build.ninja ]; then
  meson setup build >&2
fi
ninja -C build >&2

if [ $# -eq 0 ]; then
  set -- supports
fi
exec build/tools/esock "$@"
