#!/usr/bin/env bash
# Cold start of the packaged app on the bundled PostgreSQL: first run (fresh data dir: unpack
# binaries, initdb, migrations, demo county) and later runs (existing data), time to a healthy
# /actuator/health, and heap in use after start (after a full GC).
# Then the same later starts from the extracted jar with and without JDK 25's AOT cache.
# Usage: bench/startup/run.sh [runs]   (needs target/townbrain.jar: ./mvnw -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
RUNS=${1:-3}
PORT=18089
DATA=$(mktemp -d /tmp/townbrain-bench-XXXX)
chmod 755 "$DATA"
rm -rf /tmp/townbrain-pg17-* # forces the first run to unpack the PostgreSQL binaries too

start_once() {
  local label=$1; shift
  local t0=$(date +%s%N)
  "$JAVA" "$@" -jar "${JAR:-target/townbrain.jar}" --server.port=$PORT --townbrain.data-dir="$DATA" >"$DATA/app-$label.log" 2>&1 &
  local pid=$!
  until curl -sf "http://localhost:$PORT/actuator/health" | grep -q '"UP"'; do
    kill -0 $pid 2>/dev/null || { echo "app died, see $DATA/app-$label.log"; exit 1; }
    sleep 0.1
  done
  local t1=$(date +%s%N)
  "$JAVA_HOME/bin/jcmd" $pid GC.run >/dev/null
  local heap=$("$JAVA_HOME/bin/jcmd" $pid GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
  local rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
  printf "%-8s %6d ms to healthy, heap used after GC %5d MiB, RSS %5d MiB\n" "$label" $(( (t1-t0)/1000000 )) $((heap/1024)) $((rss/1024))
  kill $pid; wait $pid 2>/dev/null || true
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $("$JAVA" -version 2>&1 | head -1)"
start_once first
for i in $(seq 2 "$RUNS"); do start_once "later-$i"; done

# JDK 25's ahead-of-time cache (JEP 483/514): the jar extracted, one training start that stops
# once the context is up, then later starts with the cache, alternating with plain ones so both
# see the same machine load
EXTRACTED=$(mktemp -d /tmp/townbrain-aot-XXXX)
"$JAVA" -Djarmode=tools -jar target/townbrain.jar extract --destination "$EXTRACTED/app" >/dev/null
"$JAVA" -XX:AOTCacheOutput="$EXTRACTED/townbrain.aot" -Dspring.context.exit=onRefresh -jar "$EXTRACTED/app/townbrain.jar" \
  --townbrain.data-dir="$DATA" --server.port=$PORT >"$DATA/aot-training.log" 2>&1
for i in $(seq 2 "$RUNS"); do
  JAR="$EXTRACTED/app/townbrain.jar" start_once "aot-$i" -XX:AOTCache="$EXTRACTED/townbrain.aot"
  JAR="$EXTRACTED/app/townbrain.jar" start_once "plain-$i"
done
rm -rf "$DATA" "$EXTRACTED"
