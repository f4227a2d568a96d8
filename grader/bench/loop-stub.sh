#!/usr/bin/env bash
# Turns a kata's stub (a COPY of it) into the worst learner code for the grader: every method that would throw
# UnsupportedOperationException spins forever instead, ignoring interrupts, so every graded test runs into its timeout.
#
#   grader/bench/loop-stub.sh <copy of katas/NN-name/src/main/java>
set -euo pipefail
SRC="$1"
mapfile -t FILES < <(grep -rl 'throw new UnsupportedOperationException(' "$SRC" --include='*.java')
[[ ${#FILES[@]} -gt 0 ]] || { echo "no stub methods in $SRC" >&2; exit 2; }
for f in "${FILES[@]}"; do
  package=$(sed -n -E 's/^package ([a-z0-9_.]+);.*/\1/p' "$f" | head -n 1)
  dir=$(dirname "$f")
  if [[ ! -f "$dir/Spin.java" ]]; then
    printf 'package %s;\n\nfinal class Spin {\n    private static volatile long sink;\n\n    static RuntimeException forever(String ignored) {\n        while (true) {\n            Thread.interrupted();\n            sink++;\n        }\n    }\n}\n' "$package" >"$dir/Spin.java"
  fi
  sed -i 's/throw new UnsupportedOperationException(/throw Spin.forever(/g' "$f"
done
