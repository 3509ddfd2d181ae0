#!/usr/bin/env bash
# Runs each fuzz target in fuzz/ for SECONDS_PER_TARGET seconds (default 60) and prints
# how many inputs each ran. Needs the nightly toolchain (cargo-fuzz builds with a
# sanitizer) and cargo-fuzz, which it installs when missing. Inputs libFuzzer finds go
# to fuzz/target/corpus/<target>/, not into the committed seeds; a failing input is
# saved under fuzz/artifacts/<target>/ and makes the script exit 1 after the last target.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(report incremental_sync manifest transport)
fi

if ! rustup toolchain list | grep -q '^nightly'; then
    echo "fuzz.sh: the nightly toolchain is needed: rustup toolchain install nightly" >&2
    exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

logs=fuzz/target/logs
mkdir -p "$logs"
failed=()
declare -A executions
for target in "${targets[@]}"; do
    found=fuzz/target/corpus/$target
    mkdir -p "$found"
    echo "== $target: ${seconds}s"
    status=0
    # The first corpus directory gets what libFuzzer finds; the seeds are only read.
    cargo +nightly fuzz run "$target" "$found" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -print_final_stats=1 >"$logs/$target.log" 2>&1 || status=$?
    executions[$target]=$(awk '/stat::number_of_executed_units/ { n = $2 } END { print n + 0 }' "$logs/$target.log")
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        tail -n 40 "$logs/$target.log"
    fi
done

total=0
echo
printf '%-18s %12s\n' target executions
for target in "${targets[@]}"; do
    printf '%-18s %12s\n' "$target" "${executions[$target]}"
    total=$((total + executions[$target]))
done
printf '%-18s %12s\n' total "$total"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: failing inputs of ${failed[*]} are in fuzz/artifacts/ (logs in $logs/)" >&2
    exit 1
fi
