#!/usr/bin/env bash
# Sensing benchmarks: warning skill (3 simulated seasons) and replay speed of the real command.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -o -q package -DskipTests
./mvnw -B -o test -Dbench=true -Dgroups=bench -DexcludedGroups=none \
  -Dtest='SensingSkillBench,ReplaySpeedBench,IngestThroughputBench' \
  -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx8g | grep -E '^\||^- seed|Replay speed|large season|of raw COPY|latency|p50'
D=target/bench-sensing/large
for i in 1 2 3; do
  /usr/bin/time -f "wall %e s, max RSS %M KB" "$JAVA_HOME/bin/java" -jar target/townbrain.jar replay \
    --sensors $D/S.csv --telemetry $D/T.csv --forecasts $D/F.csv --out target/bench-sensing/W-large.csv 2>&1 | tail -2
done
