#!/usr/bin/env python3
"""SAMPLE data for madang-report: a year of what kiosks would publish (KioskUsage hours with
counts below k already left out, hourly Device statuses with a few outages, restarts and one
quarantine), written as upsert batches the hub double loads with --import. Invented numbers,
deterministic (seeded), for tests and for looking at the report.

    make-sample.py --year 2026 --kiosks 3 --days 365 OUT.json
"""
import argparse
import datetime as dt
import json
import random

LANGS = [("ko", 30), ("vi", 14), ("zh-Hans", 12), ("uz-Latn", 8), ("en", 8), ("ru", 6), ("th", 5),
         ("km", 4), ("ne", 4), ("tl", 3), ("id", 3), ("kk", 3), ("mn", 3), ("my", 2), ("ur", 2),
         ("bn", 2), ("si", 1)]
SERVICES = [("kr.go.ansan.health", 35), ("kr.go.ansan.shuttle", 30), ("kr.go.ansan.menu", 20),
            ("kr.go.ansan.courseware", 15)]
K = 5


def prop(v, at):
    return {"type": "Property", "value": v, "observedAt": at}


def spread(rng, total, weights):
    out = {}
    names = [n for n, _ in weights]
    w = [x for _, x in weights]
    for _ in range(total):
        c = rng.choices(names, w)[0]
        out[c] = out.get(c, 0) + 1
    return {k: v for k, v in out.items() if v >= K}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--year", type=int, default=2026)
    ap.add_argument("--kiosks", type=int, default=3)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("out")
    a = ap.parse_args()
    rng = random.Random(a.year * 7 + a.kiosks)
    ups = []
    start = dt.datetime(a.year, 1, 1, tzinfo=dt.timezone.utc)
    for k in range(a.kiosks):
        kid = "kiosk-%04d" % (12 + 19 * k)
        dev = "urn:ngsi-ld:Device:" + kid
        busy = [1.0, 0.55, 0.8, 0.4][k % 4]
        started = start
        outage = set()
        if k == 1:  # three days without power in July
            d0 = start + dt.timedelta(days=190)
            outage = {d0 + dt.timedelta(hours=h) for h in range(72)}
        ents = []
        for day in range(a.days):
            for hour in range(24):
                t = start + dt.timedelta(days=day, hours=hour)
                if t in outage:
                    continue
                if t - dt.timedelta(hours=1) in outage or (rng.random() < 0.0015):
                    started = t + dt.timedelta(minutes=rng.randint(0, 3))  # a restart
                at = t.strftime("%Y-%m-%dT%H:%M:%SZ")
                quarantined = ["kr.go.ansan.menu"] if (k == 2 and 220 <= day < 222) else []
                ents.append({"id": dev, "type": "Device",
                             "deviceState": prop("running", at),
                             "startedAt": prop(started.strftime("%Y-%m-%dT%H:%M:00Z"), at),
                             "uptimeS": prop(int((t - started).total_seconds()), at),
                             "softwareVersion": prop("1.0.%d" % (0 if day < 180 else 1), at),
                             "quarantinedPlugins": prop(quarantined, at)})
                if hour < 8 or hour > 21 or t in outage:
                    continue
                season = 1.0 + 0.35 * (t.month in (3, 4, 9, 10)) - 0.2 * (t.month in (1, 8))
                weekend = 1.4 if t.weekday() >= 5 else 1.0
                peak = 1.6 if hour in (11, 12, 17, 18) else 1.0
                sessions = int(rng.gauss(9, 3) * busy * season * weekend * peak)
                if sessions <= 0:
                    continue
                u = {"id": "urn:ngsi-ld:KioskUsage:%s:%s" % (kid, t.strftime("%Y%m%d%H")), "type": "KioskUsage",
                     "refDevice": {"type": "Relationship", "object": dev},
                     "dateObserved": {"type": "Property", "value": at}, "kAnonymity": prop(K, at)}
                if sessions >= K:
                    u["sessions"] = prop(sessions, at)
                langs = spread(rng, sessions, LANGS)
                if langs:
                    u["languages"] = prop(langs, at)
                svc = spread(rng, int(sessions * 0.8), SERVICES)
                if svc:
                    u["services"] = prop(svc, at)
                idle = int(sessions * 0.3)
                if idle >= K:
                    u["idleResets"] = prop(idle, at)
                done = int(sessions * 0.25)
                if done >= K:
                    u["events"] = prop({"kr.go.ansan.health/card-shown": done}, at)
                ents.append(u)
        ups.append({"path": "/entityOperations/upsert", "entities": ents,
                    "t": (start + dt.timedelta(days=a.days)).timestamp()})
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump({"_comment": "SAMPLE data (invented)", "upserts": ups}, f)


if __name__ == "__main__":
    main()
