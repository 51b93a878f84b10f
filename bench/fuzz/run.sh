#!/usr/bin/env bash
# Fuzzes every @FuzzTest target for N minutes each (default 10) with Jazzer in fuzzing mode
# (JAZZER_FUZZ=1) and writes executions and findings per target to bench/fuzz/results.md.
#   bench/fuzz/run.sh            # 10 minutes a target
#   bench/fuzz/run.sh 2          # 2 minutes a target
# In the normal suite the same tests run in regression mode: their seed inputs under
# src/test/resources/<package>/<Class>Inputs/ plus an empty input, in well under a second.
# A finding is written by Jazzer next to the seeds (crash-<sha1>) and becomes a regression input.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes="${1:-10}"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
targets=(
  "org.townbrain.sensing.TelemetryJsonFuzzTest"
  "org.townbrain.sensing.TelemetryCsvFuzzTest"
  "org.townbrain.region.DivisionCsvFuzzTest"
  "org.townbrain.evaluation.CatalogueSheetFuzzTest"
  "org.townbrain.checkin.CheckinInputFuzzTest"
)
out=bench/fuzz/results.md
logs=target/fuzz-logs
mkdir -p "$logs"
./mvnw -q -B -ntp test-compile
{
  echo "# Fuzzing results"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) vCPU, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), ${minutes} min a target (JAZZER_FUZZ=1)."
  echo
  echo "| target | executions | exec/s | coverage (cov) | findings |"
  echo "|---|---:|---:|---:|---:|"
} > "$out"
for target in "${targets[@]}"; do
  name="${target##*.}"
  log="$logs/$name.log"
  # each @FuzzTest has maxDuration 10m; timeout ends a shorter run (libFuzzer prints its stats as it goes)
  set +e
  JAZZER_FUZZ=1 timeout --signal=INT "$((minutes * 60 + 90))s" \
    ./mvnw -B -ntp -o surefire:test -Dtest="$name" -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false \
      -DexcludedGroups=none > "$log" 2>&1
  status=$?
  set -e
  last=$(grep -Eo '#[0-9]+[[:space:]]+(pulse|NEW|REDUCE|DONE|INITED)[^$]*' "$log" | tail -1 || true)
  execs=$(echo "$last" | grep -Eo '^#[0-9]+' | tr -d '#' || true)
  rate=$(echo "$last" | grep -Eo 'exec/s: [0-9]+' | grep -Eo '[0-9]+' || true)
  cov=$(echo "$last" | grep -Eo 'cov: [0-9]+' | grep -Eo '[0-9]+' || true)
  findings=$(grep -c -E '== Java Exception|Crash reproducer|crash-[0-9a-f]{40}' "$log" || true)
  echo "| $name | ${execs:-?} | ${rate:-?} | ${cov:-?} | ${findings} (exit $status) |" >> "$out"
done
echo >> "$out"
echo "Logs: $logs/. A finding leaves crash-* files under src/test/resources/<package>/<Class>Inputs/<method>/." >> "$out"
cat "$out"
