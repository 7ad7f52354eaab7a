#!/bin/sh
# madang-report end to end: sample data (tests/report/make-sample.py) loaded into the hub test
# double; the report read through the temporal API (token, Link paging) must carry the same totals
# as the sample itself; reading back its own data.csv must give the same figures; a bad export is
# refused with file:line.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
OUT="$BUILD/report-test"
REPORT="$ROOT/tools/madang-report/madang-report"
rm -rf "$OUT"; mkdir -p "$OUT"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
DPID=""
trap '[ -n "$DPID" ] && kill "$DPID" 2>/dev/null; wait 2>/dev/null' EXIT
python3 "$ROOT/tests/report/make-sample.py" --year 2026 --kiosks 2 --days 45 "$OUT/sample.json"
python3 "$ROOT/tests/doubles/hub/hub_double.py" --port 0 --port-file "$OUT/port" --empty \
    --client-id report --client-secret report-secret --import "$OUT/sample.json" > "$OUT/double.log" 2>&1 &
DPID=$!
i=0; while [ ! -s "$OUT/port" ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i+1)); done
PORT=$(cat "$OUT/port" 2>/dev/null)
echo report-secret > "$OUT/secret"
if python3 "$REPORT" --hub "http://127.0.0.1:$PORT" --token-url "http://127.0.0.1:$PORT/oauth2.0/token" \
    --client-id report --client-secret-file "$OUT/secret" --year 2026 --out "$OUT/hub" > "$OUT/hub.log" 2>&1
then ok; else bad "report from the hub double:"; cat "$OUT/hub.log"; fi
if grep -q report-secret "$OUT/hub.log" "$OUT"/hub/*.csv "$OUT/hub/report.html" 2>/dev/null; then bad "the secret leaked"; else ok; fi
# Totals straight from the sample, against the report's CSV and HTML.
if python3 - "$OUT/sample.json" "$OUT/hub" <<'PY'
import csv, json, sys
sample = json.load(open(sys.argv[1]))
out = sys.argv[2]
sessions, langs, months = 0, {}, [0] * 12
for up in sample["upserts"]:
    for e in up["entities"]:
        if e["type"] != "KioskUsage":
            continue
        m = int(e["dateObserved"]["value"][5:7]) - 1
        s = e.get("sessions", {}).get("value", 0)
        sessions += s; months[m] += s
        for k, n in e.get("languages", {}).get("value", {}).items():
            langs[k] = langs.get(k, 0) + n
errs = []
rows = list(csv.DictReader(open(out + "/sessions_per_month.csv")))
got = [int(r["sessions"]) for r in rows]
if got != months: errs.append("sessions per month %s != %s" % (got, months))
got_l = {r["language"]: int(r["count"]) for r in csv.DictReader(open(out + "/languages.csv"))}
if got_l != langs: errs.append("languages %s != %s" % (got_l, langs))
kiosks = {r["kiosk"]: r for r in csv.DictReader(open(out + "/kiosks.csv"))}
if set(kiosks) != {"kiosk-0012", "kiosk-0031"}: errs.append("kiosks %s" % sorted(kiosks))
if kiosks.get("kiosk-0012", {}).get("availability_pct") != "100.0": errs.append("availability %r" % kiosks.get("kiosk-0012"))
html = open(out + "/report.html", encoding="utf-8").read()
if html.count("<svg") != 4: errs.append("%d charts in the HTML, expected 4" % html.count("<svg"))
if "{:,}".format(sessions) not in html: errs.append("total %d not in the HTML" % sessions)
for e in errs: print("  " + e)
sys.exit(1 if errs else 0)
PY
then ok; else bad "report figures differ from the sample (above)"; fi
# The CSV export reads back to the same figures.
if python3 "$REPORT" --from "$OUT/hub/data.csv" --year 2026 --out "$OUT/csv" > "$OUT/csv.log" 2>&1 &&
   cmp -s "$OUT/hub/kiosks.csv" "$OUT/csv/kiosks.csv" && cmp -s "$OUT/hub/languages.csv" "$OUT/csv/languages.csv" &&
   cmp -s "$OUT/hub/data.csv" "$OUT/csv/data.csv"
then ok; else bad "report from its own data.csv differs"; cat "$OUT/csv.log"; fi
# A broken export is refused with file:line and the reason.
printf 'kiosk,type,attribute,observedAt,value\nk1,KioskUsage,sessions,2026-01-01T10:00:00Z,{oops\n' > "$OUT/bad.csv"
if python3 "$REPORT" --from "$OUT/bad.csv" --year 2026 --out "$OUT/bad" > "$OUT/bad.log" 2>&1; then
    bad "a broken export was accepted"
elif grep -q "bad.csv:2:" "$OUT/bad.log"; then ok
else bad "no file:line for a broken export:"; cat "$OUT/bad.log"; fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
