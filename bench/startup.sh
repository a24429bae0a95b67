#!/usr/bin/env bash
# Start-up of the demo platform: fresh data directory (H2 created, migrations, demo city seeded) and restart
# (same directory), each with and without the class-data-sharing archive from a training run.
# Prints Spring Boot's "Started … in" and the time until the demo banner (the city ready to use).
# Usage: bench/startup.sh [runs]    (default 3 runs of each)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d /tmp/govguard-startup.XXXX)
mvn -q package -DskipTests
java -Djarmode=tools -jar target/govcloud-guard.jar extract --destination "$work/app" >/dev/null
# Training run: start until the context is refreshed, then exit, recording the loaded classes.
GOVGUARD_DATA_DIR="$work/train" java -XX:ArchiveClassesAtExit="$work/app.jsa" -Dspring.context.exit=onRefresh \
  -jar "$work/app/govcloud-guard.jar" >"$work/train.log" 2>&1

one() { # $1 label, $2 data dir, $3.. extra JVM options
  local label=$1 dir=$2; shift 2
  local port=$((20000 + RANDOM % 20000)) log="$work/run.log" t0 t1
  t0=$(date +%s.%N)
  GOVGUARD_DATA_DIR="$dir" SERVER_PORT=$port java "$@" -jar "$work/app/govcloud-guard.jar" >"$log" 2>&1 &
  local pid=$!
  until grep -q "DEMO MODE" "$log"; do sleep 0.05; kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }; done
  t1=$(date +%s.%N)
  kill $pid; wait $pid 2>/dev/null || true
  printf '%-28s started in %6s s, demo city ready after %5.1f s\n' "$label" \
    "$(grep -o 'Started GovcloudGuardApplication in [0-9.]*' "$log" | awk '{print $4}')" "$(echo "$t1 - $t0" | bc)"
}

for i in $(seq 1 "$runs"); do
  rm -rf "$work/d1" "$work/d2"
  one "fresh" "$work/d1"
  one "restart" "$work/d1"
  one "fresh, CDS archive" "$work/d2" -XX:SharedArchiveFile="$work/app.jsa"
  one "restart, CDS archive" "$work/d2" -XX:SharedArchiveFile="$work/app.jsa"
done
rm -rf "$work"
