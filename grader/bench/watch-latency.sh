#!/usr/bin/env bash
# Measures watch mode's save→result latency: saves a kata source N times and times each save until watch mode prints
# the new result ("[run K] graded in ..."). Works on a COPY of the kata in a temporary folder: katas/ is never touched.
#
#   grader/bench/watch-latency.sh [--kata 01] [--edits 20] [--mode warm|cold] [--code stub|reference|loop]
#
#   --mode warm   one watch session; 3 unmeasured warm-up saves, then N measured saves (the JVM stays warm)
#   --mode cold   N fresh watch sessions; in each, the first save after the start-up grade is measured
#   --code        the learner's code to grade: the pristine stub (tests fail fast), the reference solution
#                 copied over it (every test runs to the end: the slow case), or the stub with every method an
#                 infinite loop (grader/bench/loop-stub.sh): the worst case, bounded by one test's timeout
#
# Prints each latency and min/median/max. Timing uses GNU date (+%N): Linux. Run it on a quiet machine; the load
# average is printed alongside, as other builds on a 2-core machine change the numbers a lot.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KATA=01
EDITS=20
MODE=warm
CODE=stub
WARMUP=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --kata) KATA="$2"; shift 2 ;;
    --edits) EDITS="$2"; shift 2 ;;
    --mode) MODE="$2"; shift 2 ;;
    --code) CODE="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

# Build the grader if needed (the launcher does that), then run its JVM directly, with our own --repo.
"$ROOT/grade" --version >/dev/null
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CP="$ROOT/grader/target/grader.jar:$ROOT/grader/target/lib/*"

KATA_DIR=$(ls -d "$ROOT"/katas/"$KATA"* | head -n 1)
KATA_ID=$(basename "$KATA_DIR")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/watch-latency.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/repo/katas"
cp -r "$KATA_DIR" "$WORK/repo/katas/"
rm -rf "$WORK/repo/katas/$KATA_ID/target"
SRC="$WORK/repo/katas/$KATA_ID/src/main/java"
if [[ "$CODE" == reference ]]; then
  cp -r "$ROOT/solutions/$KATA_ID/src/main/java/." "$SRC/"
elif [[ "$CODE" == loop ]]; then
  "$ROOT/grader/bench/loop-stub.sh" "$SRC"
fi
# The file a learner edits most: the largest source file.
FILE=$(find "$SRC" -name '*.java' -printf '%s %p\n' | sort -rn | head -n 1 | cut -d' ' -f2-)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Starts a watch session; its keys come from a FIFO kept open on fd 3, its screen goes to $LOG.
start_session() {
  LOG="$WORK/screen-$1.log"
  FIFO="$WORK/keys-$1"
  mkfifo "$FIFO"
  "$JAVA" -cp "$CP" dev.backendkatas.grader.Main --repo "$WORK/repo" --work-dir "$WORK/grade" \
      watch "$KATA_ID" <"$FIFO" >"$LOG" 2>&1 &
  PID=$!
  exec 3>"$FIFO"
}

stop_session() {
  echo q >&3 || true
  exec 3>&-
  wait "$PID" || true
}

# Waits until the screen shows "[run $1] graded"; prints the moment it appeared.
await_run() {
  local deadline=$(( $(now_ms) + 300000 ))
  until grep -q "^\[run $1\] graded" "$LOG"; do
    if (( $(now_ms) > deadline )) || ! kill -0 "$PID" 2>/dev/null; then
      echo "watch mode did not print [run $1] graded; its screen:" >&2
      tail -n 30 "$LOG" >&2
      exit 1
    fi
    sleep 0.01
  done
  now_ms
}

# Saves the file (a new comment line, so the content changes) and prints the save→result latency of run $1.
measure_save() {
  sleep 0.5   # a learner does not save the instant a result appears
  local start
  start=$(now_ms)
  echo "// benchmark edit $RANDOM" >>"$FILE"
  local end
  end=$(await_run "$1")
  echo $(( end - start ))
}

LATENCIES=()
if [[ "$MODE" == warm ]]; then
  start_session warm
  await_run 1 >/dev/null
  run=1
  for _ in $(seq 1 "$WARMUP"); do run=$((run + 1)); measure_save "$run" >/dev/null; done
  for i in $(seq 1 "$EDITS"); do
    run=$((run + 1))
    ms=$(measure_save "$run")
    LATENCIES+=("$ms")
    echo "save $i: $ms ms   ($(grep "^\[run $run\] graded" "$LOG" | sed -E 's/ at [0-9:]+$//'))"
  done
  stop_session
else
  for i in $(seq 1 "$EDITS"); do
    start_session "cold-$i"
    await_run 1 >/dev/null
    ms=$(measure_save 2)
    LATENCIES+=("$ms")
    echo "session $i, first save: $ms ms   ($(grep '^\[run 2\] graded' "$LOG" | sed -E 's/ at [0-9:]+$//'))"
    stop_session
  done
fi

sorted=($(printf '%s\n' "${LATENCIES[@]}" | sort -n))
count=${#sorted[@]}
if (( count % 2 == 1 )); then
  median=${sorted[$((count / 2))]}
else
  median=$(( (sorted[count / 2 - 1] + sorted[count / 2]) / 2 ))
fi
echo
echo "kata $KATA_ID, code: $CODE, mode: $MODE, $count saves: min ${sorted[0]} ms, median $median ms, max ${sorted[$((count - 1))]} ms"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -n 1)"
