#!/usr/bin/env bash
# A city's working day under load (issue 19 point 5): builds the platform, starts it on a fresh PostgreSQL
# database with the demo city, runs the Gatling simulation once per number of virtual users, stops it.
#   bench/gatling/run.sh                 # 50, 200 and 500 virtual users, 30 s ramp + 120 s steady each
#   USERS="50" STEADY=60 bench/gatling/run.sh
# Reports: bench/gatling/target/gatling/<run>/index.html; the summary table is printed at the end of each run.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
USERS=${USERS:-"50 200 500"}
RAMP=${RAMP:-30}
STEADY=${STEADY:-120}
PORT=${PORT:-18090}
PG=${GOVGUARD_BENCH_PG:-jdbc:postgresql://127.0.0.1:5432/}
DB=${DB:-govguard_load}
PASSWORD=Demo-Passw0rd-2026

(cd "$root" && mvn -q -DskipTests package)
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -c "create database $DB"
data=$(mktemp -d)
GOVGUARD_DEMO_PASSWORD=$PASSWORD GOVGUARD_DATA_DIR="$data" SERVER_PORT=$PORT \
  SPRING_DATASOURCE_URL="$PG$DB" SPRING_DATASOURCE_USERNAME=postgres \
  java -jar "$root/target/govcloud-guard.jar" > "$data/platform.log" 2>&1 &
platform=$!
trap 'kill $platform 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null && grep -q "DEMO MODE" "$data/platform.log" && break
  sleep 1
done
echo "platform up (log: $data/platform.log); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for users in $USERS; do
  echo "=== $users virtual users; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  mvn -q gatling:test -Dbase="http://127.0.0.1:$PORT" -Dusers="$users" -Dramp="$RAMP" -Dsteady="$STEADY" -Dpassword=$PASSWORD
done
