#!/usr/bin/env bash
# run_fuzz_smoke.sh TARGET SEED_CORPUS WORK_DIR SECONDS
# Replays the seed corpus, then fuzzes for SECONDS; any crash, leak, sanitizer report
# or timeout fails the test, and the crashing input is left in WORK_DIR. A fixed seed
# keeps the smoke run reproducible; deeper fuzzing runs the targets without one.
set -euo pipefail
target=$1 seeds=$2 work=$3 seconds=$4
[[ -x $target ]] || { echo "fuzz target not built: $target" >&2; exit 1; }
[[ -d $seeds && -n $(ls -A "$seeds") ]] || { echo "empty seed corpus: $seeds" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work/corpus"
cd "$work"
"$target" -seed=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=70000 \
  -print_final_stats=1 corpus "$seeds" 2>&1 | tail -25
