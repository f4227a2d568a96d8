#!/usr/bin/env bash
# Times the grader's everyday commands on a scratch COPY of this repository (katas/ is never touched), warm (the grader
# built, the JVM's files in the page cache), so the numbers are what a learner waits for:
#
#   untouched    ./grade with every kata's code still the stub: nothing to build or run
#   unchanged    ./grade after every kata was graded once and nothing changed since (kata 01 holds the reference)
#   one changed  ./grade after one save in kata 01 (the reference, all tests passing): that kata's run + the rest
#   kata alone   ./grade 01 after one save in kata 01: that kata's own grading time, to compare "one changed" with
#   hint         ./grade hint 01, compare: ./grade compare 01 (answered from the last result)
#   loop         ./grade 07 --rerun with every method of kata 07 an infinite loop (grader/bench/loop-stub.sh)
#
#   grader/bench/grade-speed.sh [--runs 5]
#
# Prints min/median/max per case, the load average and the JDK. Timing uses GNU date (+%N): Linux.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

"$ROOT/grade" --version >/dev/null
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CP="$ROOT/grader/target/grader.jar:$ROOT/grader/target/lib/*"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/grade-speed.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/repo"
cp -r "$ROOT/katas" "$ROOT/solutions" "$WORK/repo/"
find "$WORK/repo" -name target -type d -prune -exec rm -rf {} +
REPO="$WORK/repo"
KATA01=$(basename "$(ls -d "$REPO"/katas/01-*)")
KATA07=$(basename "$(ls -d "$REPO"/katas/07-*)")

grade() {
  "$JAVA" -cp "$CP" dev.backendkatas.grader.Main --repo "$REPO" --work-dir "$WORK/grade" "$@" >"$WORK/out.txt" 2>&1 || true
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# time_case <name> <setup command or :> <grade args...>: runs setup, then times the grade command, RUNS times.
time_case() {
  local name="$1" setup="$2"
  shift 2
  local times=()
  for _ in $(seq 1 "$RUNS"); do
    eval "$setup"
    local start end
    start=$(now_ms)
    grade "$@"
    end=$(now_ms)
    times+=($((end - start)))
  done
  local sorted
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-12s min %6d ms   median %6d ms   max %6d ms   (./grade %s)\n' "$name" "${sorted[0]}" \
      "${sorted[$((RUNS / 2))]}" "${sorted[$((RUNS - 1))]}" "$*"
}

save_in_01() { echo "// saved $RANDOM" >>"$(ls "$REPO/katas/$KATA01/src/main/java/dev/backendkatas/"*/RequestParser.java)"; }

time_case untouched : 
cp -r "$ROOT/solutions/$KATA01/src/main/java/." "$REPO/katas/$KATA01/src/main/java/"
grade
time_case unchanged : 
time_case "one changed" save_in_01
time_case "kata alone" save_in_01 01
time_case hint : hint 01
time_case compare : compare 01
"$ROOT/grader/bench/loop-stub.sh" "$REPO/katas/$KATA07/src/main/java"
time_case loop : 07 --rerun
grep -m1 -E "probably an infinite loop" "$WORK/out.txt" | sed 's/^ */loop report: /'
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -n 1)"
