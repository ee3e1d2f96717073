# Shared by the benchmark scripts: start services from their jars with the project's JVM options,
# wait for them, read JSON fields (with jq), compute percentiles, and stop exactly what was started, by pid.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VERSION=$(sed -n 's#.*<version>\(.*\)</version>.*#\1#p' "$ROOT/pom.xml" | sed -n 2p)
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
WORK=${BENCH_WORK:-$ROOT/target/bench}
STARTED_PIDS=()

mkdir -p "$WORK"

# The cluster's token of every service the benchmarks start (they inherit it from the environment),
# and the curl arguments that send it with a change: curl -X POST "${AUTH[@]}" URL
export CLUSTER_TOKEN=${CLUSTER_TOKEN:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
AUTH=(-H "Authorization: Bearer $CLUSTER_TOKEN")

cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
# An interrupted benchmark stops (and so cleans up) rather than going on to start more services.
trap 'exit 130' INT TERM

# A busy loop at normal priority on every core, as a loaded laptop has: started by start_hogs, ended
# by stop_hogs (or by cleanup), by pid.
HOG_PIDS=()
start_hogs() {
  local _
  for _ in $(seq 1 "$(nproc)"); do
    ( while :; do :; done ) &
    HOG_PIDS+=($!)
    STARTED_PIDS+=($!)
  done
}
stop_hogs() {
  local pid
  for pid in "${HOG_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${HOG_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  HOG_PIDS=()
}

# Stop-the-world pauses of one process, as a long GC pause freezes every thread of a JVM: SIGSTOP for
# 50 ms every 300 ms, from start_pauses PID until stop_pauses (which leaves the process running).
PAUSER_PID=
PAUSED_PID=
start_pauses() {
  PAUSED_PID=$1
  ( while :; do sleep 0.3; kill -STOP "$PAUSED_PID"; sleep 0.05; kill -CONT "$PAUSED_PID"; done ) &
  PAUSER_PID=$!
  STARTED_PIDS+=($!)
}
stop_pauses() {
  [ -n "$PAUSER_PID" ] || return 0
  kill "$PAUSER_PID" 2>/dev/null || true
  wait "$PAUSER_PID" 2>/dev/null || true
  kill -CONT "$PAUSED_PID" 2>/dev/null || true
  PAUSER_PID=
}

require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: '$tool' is needed (apt-get install -y $tool)" >&2; exit 2; }
  done
}

jar_of() {
  local jar="$ROOT/$1/target/$1-$VERSION.jar"
  [ -f "$jar" ] || { echo "bench: $jar is missing; build first: ./mvnw -B -DskipTests package" >&2; exit 2; }
  echo "$jar"
}

# start NAME MODULE PORT ARGS... : starts the service in the background; sets START_NS[NAME] and PID[NAME]
# (MODULE may also be the path of any Boot jar, which bin/service runs with the shared options only).
# LAUNCH=plain starts a module's jar as a user without the project's launcher would: java -jar, no
# JVM options, no class-data cache.
declare -A PID START_NS
start() {
  local name=$1 module=$2 port=$3; shift 3
  local launcher=("$ROOT/bin/service" "$module")
  if [ "${LAUNCH:-service}" = plain ]; then
    local jar=$module
    [[ "$module" == *.jar ]] || jar=$(jar_of "$module")
    launcher=("$JAVA" -jar "$jar")
  else
    [[ "$module" == *.jar ]] || jar_of "$module" >/dev/null
    prepare_cache "$module"
  fi
  START_NS[$name]=$(date +%s%N)
  "${launcher[@]}" --server.port="$port" --server.address=127.0.0.1 "$@" >"$WORK/$name.log" 2>&1 &
  PID[$name]=$!
  STARTED_PIDS+=("$!")
}

# prepare_cache MODULE : builds bin/service's class-data cache now, so that start times measure starts, not training
prepare_cache() {
  CLOCKSYNC_PREPARE_ONLY=1 "$ROOT/bin/service" "$1" >/dev/null
}

# await_live NAME PORT : waits for the liveness probe; prints the seconds from launch
await_live() { await_probe liveness "$@"; }

# await_ready NAME PORT : waits for the readiness probe (start-up work such as warm-ups done); prints the seconds from launch
await_ready() { await_probe readiness "$@"; }

await_probe() {
  local probe=$1 name=$2 port=$3
  for _ in $(seq 1 1200); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/$probe"; then
      echo "scale=2; ($(date +%s%N) - ${START_NS[$name]}) / 1000000000" | bc
      return 0
    fi
    kill -0 "${PID[$name]}" 2>/dev/null || { echo "bench: $name died; see $WORK/$name.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "bench: $name did not start; see $WORK/$name.log" >&2
  exit 1
}

# jvm_started NAME : the "Started ... in X seconds" figure from the service's own log
jvm_started() {
  sed -n 's/.*Started .* in \([0-9.]*\) seconds.*/\1/p' "$WORK/$1.log" | head -1
}

rss_mb() {
  awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

# field NAME : the value of the top-level field NAME of the JSON object on stdin (empty if absent or null)
field() {
  jq -r --arg name "$1" '.[$name] // empty'
}

# settled_clock URL : the service's GET /clock once no slew is pending (at most a second of waiting)
settled_clock() {
  local clock
  for _ in $(seq 1 100); do
    clock=$(curl -sf "$1/clock")
    [ "$(echo "$clock" | field pendingSlewNanos)" = "0" ] && break
    sleep 0.01
  done
  echo "$clock"
}

# agreement URL... : the largest pairwise difference of the clocks' offsetNanos, once no slew is pending on any
agreement() {
  local url offsets=()
  for _ in $(seq 1 200); do
    local settled=1
    for url in "$@"; do
      [ "$(curl -sf "$url/clock" | field pendingSlewNanos)" = "0" ] || settled=0
    done
    [ "$settled" = 1 ] && break
    sleep 0.05
  done
  for url in "$@"; do offsets+=("$(curl -sf "$url/clock" | field offsetNanos)"); done
  printf '%s\n' "${offsets[@]}" | sort -n | sed -n '1p;$p' | paste -sd' ' | awk '{ printf "%.0f\n", $2 - $1 }'
}

# percentiles FILE : p50 p99 max of the absolute values in FILE, one number a line
percentiles() {
  awk '{ print ($1 < 0 ? -$1 : $1) }' "$1" | sort -n | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "n/a n/a n/a"; exit }
      i50 = int(NR * 0.50 + 0.999999); i99 = int(NR * 0.99 + 0.999999)
      print v[i50], v[i99], v[NR]
    }'
}

free_port() {
  "$JAVA" -XX:TieredStopAtLevel=1 -Xshare:auto "$ROOT/bench/FreePort.java" 2>/dev/null
}
