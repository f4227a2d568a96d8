#!/usr/bin/env bash
# Kata 03's benchmark: N concurrent long polls held by a server and completed by one event, on the reference server
# (4 request threads, held polls kept as data) and on a naive thread-per-waiter server. See benchmarks/README.md.
#
#   benchmarks/03-long-polling/long-polls.sh [reference|naive|both] [polls, default 5000] [repetitions, default 3]
#
# Set SKIP_BUILD=1 to reuse benchmarks/03-long-polling/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/../.."

variant=${1:-both}
polls=${2:-5000}
repetitions=${3:-3}

# Each poll is one socket in the client JVM and one in the server JVM, plus the JVMs' own files.
needed=$((polls + 1000))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed" ]; then
  ulimit -n "$needed" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  if [ "$(ulimit -n)" -lt "$needed" ]; then
    echo "open files limit $(ulimit -n) is below the $needed that $polls polls need; raise it (ulimit -Hn)" >&2
    exit 1
  fi
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -Pbench -q -B package -pl benchmarks/03-long-polling -am -DskipTests -Dpitest.skip=true
fi

case "$variant" in
  both) variants="reference naive" ;;
  reference|naive) variants=$variant ;;
  *) echo "variant: reference, naive or both" >&2; exit 2 ;;
esac
for v in $variants; do
  java -cp benchmarks/03-long-polling/target/benchmarks.jar dev.backendkatas.bench.LongPollBenchmark "$v" "$polls" "$repetitions"
done
