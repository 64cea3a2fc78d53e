#!/bin/sh
# Failover of leader election, and what peering and leases cost at idle (docs/performance.md).
#
#   benchmarks/failover/failover.sh [ROUNDS]      (default 5; about 2 minutes)
#
# Needs `mvn -q -B install -DskipTests` first (the kopf-cli jar and examples/06-peering).
# One embedded API server in a process of its own (with its calls endpoint), two operator
# processes with --leader-election (POD_ID replica-a / replica-b), Kopf's peering CRDs and
# `default` objects applied. Per round: kill the leader (SIGTERM or SIGKILL), measure until
# the lease names the other replica, start the killed one again as the new standby.
set -eu
ROUNDS=${1:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$(ls "$ROOT"/kopf-cli/target/kopf-cli-*-all.jar | head -1)
KOPF="$ROOT/kopf-cli/kopf"
HANDLERS="$ROOT/examples/06-peering/target/classes"
WORK=$(mktemp -d)
PIDS=""
cleanup() { for p in $PIDS; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

java -cp "$JAR" dev.kopf.testing.EmbeddedKubernetes --kubeconfig "$WORK/kubeconfig" \
    --calls-endpoint > "$WORK/server.out" 2>&1 &
PIDS="$PIDS $!"
while ! grep -q http "$WORK/server.out" 2>/dev/null; do sleep 0.2; done
URL=$(grep -o 'http://[0-9.:]*' "$WORK/server.out" | head -1)
export KUBECONFIG="$WORK/kubeconfig"
LEASE="$URL/apis/coordination.k8s.io/v1/namespaces/default/leases/kopf-leader"

now_ms() { python3 -c 'import time; print(int(time.time()*1000))'; }
holder() {
    curl -s "$LEASE" | python3 -c 'import json,sys
try: print(json.load(sys.stdin)["spec"].get("holderIdentity") or "-")
except Exception: print("-")'
}
start_replica() {  # $1 = name
    POD_ID=$1 "$KOPF" run -n default --leader-election "$HANDLERS" > "$WORK/$1.log" 2>&1 &
    eval "PID_$(echo "$1" | tr - _)=$!"
    PIDS="$PIDS $!"
}
pid_of() { eval "echo \$PID_$(echo "$1" | tr - _)"; }
other() { [ "$1" = replica-a ] && echo replica-b || echo replica-a; }
await_standby() {  # the other replica is up and watching: its lease attempt is logged
    while ! grep -q 'Attempting to acquire the leader lease' "$WORK/$1.log" 2>/dev/null; do
        sleep 0.2; done
}

# Apply the example CRD and Kopf's peering CRDs + default objects with a throw-away run.
"$KOPF" run -n default --standalone --apply "$ROOT/examples/crd.yaml" \
    --apply "$ROOT/kopf-core/src/main/resources/dev/kopf/peering.yaml" --stop-when-idle 0.5 \
    > "$WORK/apply.log" 2>&1

start_replica replica-a
while [ "$(holder)" = "-" ]; do sleep 0.2; done
start_replica replica-b
await_standby replica-b

# Idle: the standby's memory and CPU, and the API requests of peering and the lease.
STANDBY=$(other "$(holder)")
SPID=$(pid_of "$STANDBY")
sleep 5
curl -s -X DELETE "$URL/kopf-embedded/calls" > /dev/null
CPU0=$(awk '{print $14+$15}' "/proc/$SPID/stat")
sleep 60
CPU1=$(awk '{print $14+$15}' "/proc/$SPID/stat")
RSS=$(awk '/VmRSS/ {print $2}' "/proc/$SPID/status")
curl -s "$URL/kopf-embedded/calls" | python3 -c 'import json,sys
calls=json.load(sys.stdin)["calls"]
lease=sum(1 for c in calls if "/leases/" in c[1])
peer=sum(1 for c in calls if "kopfpeerings" in c[1])
print(f"idle 60 s, both replicas: {lease} lease requests, {peer} peering requests, {len(calls)} in all")'
TICKS=$(getconf CLK_TCK)
echo "standby: RSS $((RSS / 1024)) MiB, CPU $(python3 -c "print(round(($CPU1-$CPU0)/$TICKS/60*100, 2))") % of a core over 60 s idle"

measure() {  # $1 = signal
    SIGNAL=$1
    RESULTS=""
    i=0
    while [ $i -lt "$ROUNDS" ]; do
        LEADER=$(holder)
        NEXT=$(other "$LEADER")
        await_standby "$NEXT"
        T0=$(now_ms)
        kill "-$SIGNAL" "$(pid_of "$LEADER")"
        while [ "$(holder)" != "$NEXT" ]; do sleep 0.05; done
        T1=$(now_ms)
        RESULTS="$RESULTS $((T1 - T0))"
        wait "$(pid_of "$LEADER")" 2>/dev/null || true
        start_replica "$LEADER"
        await_standby "$LEADER"
        i=$((i + 1))
    done
    echo "failover after SIG$SIGNAL (ms):$RESULTS; median $(echo "$RESULTS" | tr ' ' '\n' \
        | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms"
}
measure TERM
measure KILL
