#!/bin/sh
# The kiosk and the data hub end to end: starts the hub test double (tests/doubles/hub) on
# 127.0.0.1, runs madang headless with the hub probe plugin, then asserts on what the double
# received: the Device status, the hour of use with counts below k left out, nothing identifying,
# no credential in any payload or log line. Then the hub goes away for a run and comes back.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
MADANG="$BUILD/bin/madang"
OUT="$BUILD/hub-e2e"
rm -rf "$OUT"; mkdir -p "$OUT/storage"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
. "$ROOT/tests/lib/e2e.sh"
e2e_sanitizer_env "$ROOT"
DPID=""
stop_double() { [ -n "$DPID" ] && kill "$DPID" 2>/dev/null && wait "$DPID" 2>/dev/null; DPID=""; }
trap stop_double EXIT
start_double() { # PORT; returns 1 when the double could not listen there
    rm -f "$OUT/port"
    python3 "$ROOT/tests/doubles/hub/hub_double.py" --port "$1" --port-file "$OUT/port" \
        --client-id kiosk-e2e --client-secret e2e-secret-do-not-log > "$OUT/double.log" 2>&1 &
    DPID=$!
    i=0; while [ ! -s "$OUT/port" ] && [ $i -lt 150 ] && kill -0 "$DPID" 2>/dev/null; do sleep 0.1; i=$((i+1)); done
    PORT=$(cat "$OUT/port" 2>/dev/null)
    [ -n "$PORT" ] || { DPID=""; return 1; }
}
# A port below the ephemeral range (32768..): the double is stopped and restarted on it, and on a
# busy machine an outgoing connection could take a freed ephemeral port in between.
attempt=0
until start_double $((20000 + ($$ * 131 + attempt * 977) % 12000)); do
    attempt=$((attempt+1)); [ $attempt -lt 40 ] || break
done
[ -n "$PORT" ] || { echo "FAIL the hub double did not start"; cat "$OUT/double.log"; echo "0 passed, 1 failed"; exit 1; }

sed -e "s|@BUILD@/plugins|$BUILD/hub-plugins|; s|@BUILD@/e2e-storage|$OUT/storage|; s|@BUILD@|$BUILD|g; s|@ROOT@|$ROOT|g" \
    "$ROOT/tests/e2e/test.conf" > "$OUT/kiosk.conf"
cat >> "$OUT/kiosk.conf" <<CONF

[kiosk]
id = kiosk-e2e
location = 37.3219, 126.8309

[hub]
url = http://127.0.0.1:$PORT
dialect = keti
token_url = http://127.0.0.1:$PORT/oauth2.0/token
client_id = kiosk-e2e
client_secret = e2e-secret-do-not-log
context = https://example.kr/ngsi-context.jsonld
publish = yes
status_interval_s = 300
allow_http = yes
k = 2

[plugin.org.madang.hubprobe]
allowed_origins = http://127.0.0.1:$PORT
allow_http = yes
probe_url = http://127.0.0.1:$PORT/entitycount?type=Vehicle
CONF

run() { # NAME
    mkdir -p "$OUT/$1"
    "$MADANG" --headless --config "$OUT/kiosk.conf" --script "$ROOT/tests/hub/$1.script" \
        --out "$OUT/$1" > "$OUT/$1/log.txt" 2>&1
}
received() { curl -s "http://127.0.0.1:$PORT/_double/received" > "$OUT/$1"; }

# 1. Two visitors with the hub up.
if run probe; then ok; else bad "probe: exit $?"; tail -n 15 "$OUT/probe/log.txt"; fi
received received1.json
if python3 - "$OUT/received1.json" <<'PY'
import json, sys
rec = json.load(open(sys.argv[1]))
ents = [e for up in rec["upserts"] for e in up["entities"]]
use = [e for e in ents if e["type"] == "KioskUsage"]
dev = [e for e in ents if e["type"] == "Device"]
errs = []
if len(use) != 1: errs.append("expected one hour of use, got %d" % len(use))
if not dev: errs.append("no Device status")
u = use[0] if use else {}
def val(a): return u.get(a, {}).get("value")
if val("sessions") != 2: errs.append("sessions %r" % val("sessions"))
if val("languages") != {"en": 2}: errs.append("languages %r" % val("languages"))
if val("services") != {"org.madang.hubprobe": 2}: errs.append("services %r" % val("services"))
if val("events") != {"org.madang.hubprobe/probe-done": 2}: errs.append("events %r" % val("events"))
if "idleResets" in u: errs.append("one idle reset is below k=2 and must not be published")
allowed = {"id", "type", "refDevice", "dateObserved", "kAnonymity", "sessions", "idleResets",
           "languages", "services", "events"}
for e in use:
    extra = set(e) - allowed
    if extra: errs.append("unexpected attributes %s" % extra)
    for k, v in e.items():
        if isinstance(v, dict) and "observedAt" in v and not v["observedAt"].endswith(":00:00Z"):
            errs.append("%s observed at %s: finer than the hour" % (k, v["observedAt"]))
d = dev[-1] if dev else {}
if d.get("plugins", {}).get("value", {}).get("org.madang.hubprobe") != "0.1.0": errs.append("plugins %r" % d.get("plugins"))
if d.get("deviceState", {}).get("value") != "stopped": errs.append("last status is not 'stopped'")
if d.get("location", {}).get("value", {}).get("coordinates") != [126.8309, 37.3219]: errs.append("location %r" % d.get("location"))
blob = json.dumps(rec["upserts"])
for secret in ("e2e-secret-do-not-log", "Bearer", "eyJ"):
    if secret in blob: errs.append("%s in a payload" % secret)
paths = [r["path"] for r in rec["requests"]]
if paths.count("/entities") < 1: errs.append("no entity query")
if not all(up.get("link") and "ngsi-context.jsonld" in up["link"] for up in rec["upserts"]): errs.append("@context Link header missing")
for e in errs: print("  " + e)
sys.exit(1 if errs else 0)
PY
then ok; else bad "probe: what the hub received (above)"; fi
if grep -q -e "e2e-secret-do-not-log" -e "eyJ" "$OUT/probe/log.txt"; then bad "probe: a credential in the log"; else ok; fi

# 2. The hub is down: the kiosk runs as before and keeps the hour on disk.
stop_double
if run offline; then ok; else bad "offline: exit $?"; tail -n 15 "$OUT/offline/log.txt"; fi
if python3 -c "import json,sys; q=json.load(open(sys.argv[1]))['queue']; sys.exit(0 if len(q)==1 and q[0]['sessions']['value']==3 else 1)" "$OUT/storage/hub/usage.json" 2>/dev/null; then ok
else bad "offline: the hour was not kept in storage/hub/usage.json"; cat "$OUT/storage/hub/usage.json"; fi

# 3. The hub is back: the next run delivers it.
start_double "$PORT"
if run later; then ok; else bad "later: exit $?"; tail -n 15 "$OUT/later/log.txt"; fi
received received3.json
if python3 - "$OUT/received3.json" <<'PY'
import json, sys
rec = json.load(open(sys.argv[1]))
use = [e for up in rec["upserts"] for e in up["entities"] if e["type"] == "KioskUsage"]
# The same virtual hour in all three runs: the counters went on from what was kept on disk
# (2 + 1 sessions, 2 + 2 events), and the kept hour went out once.
ok = (len(use) == 1 and use[0].get("sessions", {}).get("value") == 3
      and use[0].get("events", {}).get("value") == {"org.madang.hubprobe/probe-done": 4})
if not ok: print("  delivered after the outage: %r" % use)
sys.exit(0 if ok else 1)
PY
then ok; else bad "later: the kept hour was not delivered"; fi
stop_double
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
