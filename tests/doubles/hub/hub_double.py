#!/usr/bin/env python3
"""A TEST DOUBLE of KETI's City Data Hub, for Madang's tests and the `make run` demo.

It is not a data hub and not a product: it implements only the calls the kiosk and madang-report
make, in KETI's dialect (NGSI-LD at the root, OAuth2 client credentials with a signed JWT, urn ids
with at least three parts, Link rel="next" paging, NGSI-LD ProblemDetails for 400/401/413), keeps
everything in memory, and listens on 127.0.0.1 only. docs/DATAHUB.md says how to point a kiosk at a
real hub instead.

    hub_double.py --port 0 --port-file PATH [--client-id ID --client-secret S] [--token-life S]
                  [--expires-absolute] [--vehicles N] [--dataset-id URN] [--max-body BYTES]

Control endpoints for tests (never part of a real hub): POST /_double/fault with
{"mode": "status"|"garbage"|"big"|"slow"|"expire_tokens", "status": 500, "count": 1,
 "path": "/entities", "seconds": 3}; POST /_double/clear; GET /_double/received.
"""
import argparse
import base64
import hashlib
import hmac
import json
import math
import os
import secrets
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ERR = "https://uri.etsi.org/ngsi-ld/errors/"
ATTR_TYPES = ("Property", "GeoProperty", "Relationship", "LanguageProperty")
META = ("id", "type", "@context", "datasetId")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def valid_urn(i):
    # KETI: "urn:" and at least three parts after it: urn:ngsi-ld:<Type>:<id>
    if not isinstance(i, str) or len(i) > 256:
        return False
    parts = i.split(":")
    return len(parts) >= 4 and parts[0] == "urn" and parts[1] == "ngsi-ld" and all(parts[1:4])


def haversine_m(a, b):
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371000 * math.asin(math.sqrt(h))


def key_values(e):
    out = {"id": e["id"], "type": e["type"]}
    for k, v in e.items():
        if k in META:
            continue
        if isinstance(v, dict):
            out[k] = v.get("object") if v.get("type") == "Relationship" else v.get("value")
        else:
            out[k] = v
    return out


class Hub:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.secret = secrets.token_bytes(32)
        self.entities = {}
        self.history = {}  # id -> list of (received unix s, entity)
        self.received = []  # upsert payloads as received
        self.requests = []
        self.tokens_issued = 0
        self.revoked_upto = 0  # tokens with a serial up to this are refused
        self.faults = []
        if not args.empty:
            self.seed()

    def seed(self):
        here = os.path.dirname(os.path.abspath(__file__))
        with open(os.path.join(here, "seed.json"), encoding="utf-8") as f:
            seed = json.load(f)
        tmpl = json.dumps(seed["vehicle_template"])
        cx, cy = seed["center"]
        for n in range(1, self.args.vehicles + 1):
            e = json.loads(tmpl.replace("{n}", "%03d" % n))
            # Within ~1.5 km of the centre, the last three far away (Seoul): "near" must leave them out.
            if n > self.args.vehicles - 3:
                x, y = seed["far"]
            else:
                ang = n * 2.399963
                r = 0.0005 + 0.012 * (n % 7) / 7.0
                x, y = cx + r * math.cos(ang), cy + r * math.sin(ang) * 0.8
            e["location"]["value"]["coordinates"] = [round(x, 6), round(y, 6)]
            self.entities[e["id"]] = e
        for d in seed["devices"]:
            self.entities[d["id"]] = d
            self.history.setdefault(d["id"], []).append((time.time(), d))

    # ---------------------------------------------------------------- tokens
    def issue_token(self):
        now = int(time.time())
        exp = now + self.args.token_life
        head = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        self.tokens_issued += 1
        body = b64url(json.dumps({"sub": self.args.client_id, "iat": now, "exp": exp,
                                  "jti": "%d-%s" % (self.tokens_issued, secrets.token_hex(4))}).encode())
        sig = b64url(hmac.new(self.secret, (head + "." + body).encode(), hashlib.sha256).digest())
        expires_in = exp if self.args.expires_absolute else self.args.token_life
        return {"access_token": head + "." + body + "." + sig, "token_type": "bearer",
                "expires_in": expires_in, "scope": "ngsi-ld"}

    def check_jwt(self, auth):
        if not auth or not auth.startswith("Bearer "):
            return "no Bearer token"
        tok = auth[7:].strip()
        parts = tok.split(".")
        if len(parts) != 3:
            return "malformed token"
        want = b64url(hmac.new(self.secret, (parts[0] + "." + parts[1]).encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(want, parts[2]):
            return "bad signature"
        try:
            claims = json.loads(b64url_decode(parts[1]))
        except ValueError:
            return "malformed token"
        if claims.get("exp", 0) <= time.time():
            return "token expired"
        if int(str(claims.get("jti", "0-")).split("-")[0] or 0) <= self.revoked_upto:
            return "token revoked"
        return None

    # ---------------------------------------------------------------- faults
    def take_fault(self, path):
        with self.lock:
            for f in self.faults:
                if f.get("path") and not path.startswith(f["path"]):
                    continue
                if f["count"] == 0:
                    continue
                if f["count"] > 0:
                    f["count"] -= 1
                return dict(f)
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hub-double/1"

    def log_message(self, fmt, *a):
        if self.server.hub.args.verbose:
            sys.stderr.write("hub-double: " + (fmt % a) + "\n")

    # ---------------------------------------------------------------- replies
    def reply(self, status, body=None, ctype="application/json", headers=None):
        data = b""
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if data:
            self.wfile.write(data)

    def problem(self, status, kind, detail):
        self.reply(status, {"type": ERR + kind, "title": kind, "detail": detail},
                   ctype="application/json")

    def read_body(self, limit):
        n = int(self.headers.get("Content-Length") or 0)
        if n > limit:
            # Read and discard so the connection stays usable, then refuse.
            while n > 0:
                n -= len(self.rfile.read(min(n, 65536)))
            return None
        return self.rfile.read(n)

    # ---------------------------------------------------------------- dispatch
    def handle_any(self, method):
        hub = self.server.hub
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        with hub.lock:
            hub.requests.append({"method": method, "path": path, "t": time.time()})
        if path.startswith("/_double/"):
            return self.control(method, path)
        f = hub.take_fault(path)
        if f:
            if f["mode"] == "slow":
                time.sleep(float(f.get("seconds", 3)))
            elif f["mode"] == "status":
                self.read_body(1 << 24)
                return self.problem(int(f.get("status", 500)), "InternalError", "fault injected by the test")
            elif f["mode"] == "garbage":
                self.read_body(1 << 24)
                return self.reply(200, b"[{\"id\": \"urn:ngsi-ld:Vehicle:x\", \"type\": \x00garbage", ctype="application/json")
            elif f["mode"] == "big":
                self.read_body(1 << 24)
                big = json.dumps([{"id": "urn:ngsi-ld:Vehicle:big:%d" % i, "type": "Vehicle", "pad": "x" * 1000}
                                  for i in range(2500)]).encode()
                return self.reply(200, big)
            elif f["mode"] == "expire_tokens":
                hub.revoked_upto = hub.tokens_issued
        if path == "/oauth2.0/token" and method == "POST":
            return self.token()
        auth_err = hub.check_jwt(self.headers.get("Authorization"))
        if auth_err:
            self.read_body(1 << 24)
            return self.problem(401, "Unauthorized", auth_err)
        if path == "/entities" and method == "GET":
            return self.get_entities(query, temporal=False)
        if path == "/temporal/entities" and method == "GET":
            return self.get_entities(query, temporal=True)
        if path == "/entitycount" and method == "GET":
            return self.entity_count(query)
        if path == "/entityOperations/upsert" and method == "POST":
            return self.upsert()
        if path.startswith("/ngsi-ld/v1/"):
            return self.problem(404, "ResourceNotFound", "KETI serves NGSI-LD at the root, not under /ngsi-ld/v1/")
        return self.problem(404, "ResourceNotFound", "the double does not implement %s %s" % (method, path))

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    # ---------------------------------------------------------------- control
    def control(self, method, path):
        hub = self.server.hub
        if path == "/_double/received" and method == "GET":
            with hub.lock:
                return self.reply(200, {"upserts": hub.received, "tokens_issued": hub.tokens_issued,
                                        "requests": hub.requests})
        if path == "/_double/fault" and method == "POST":
            f = json.loads(self.read_body(1 << 20) or b"{}")
            f.setdefault("count", 1)
            with hub.lock:
                hub.faults.append(f)
            return self.reply(204)
        if path == "/_double/clear" and method == "POST":
            self.read_body(1 << 20)
            with hub.lock:
                hub.faults = []
            return self.reply(204)
        return self.problem(404, "ResourceNotFound", "no such control endpoint")

    # ---------------------------------------------------------------- OAuth2
    def token(self):
        hub = self.server.hub
        body = self.read_body(65536) or b""
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        if form.get("grant_type", [""])[0] != "client_credentials":
            return self.reply(400, {"error": "unsupported_grant_type"})
        cid, secret = form.get("client_id", [None])[0], form.get("client_secret", [None])[0]
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            try:
                cid, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
            except ValueError:
                return self.reply(401, {"error": "invalid_client"})
        if cid != hub.args.client_id or secret != hub.args.client_secret:
            return self.reply(401, {"error": "invalid_client"})
        with hub.lock:
            tok = hub.issue_token()
        return self.reply(200, tok)

    # ---------------------------------------------------------------- queries
    def get_entities(self, query, temporal):
        hub = self.server.hub
        q1 = {k: v[0] for k, v in query.items()}
        etype = q1.get("type")
        if not etype:
            return self.problem(400, "BadRequestData", "type is required")
        try:
            limit = int(q1.get("limit", "20"))
            offset = int(q1.get("offset", "0"))
        except ValueError:
            return self.problem(400, "BadRequestData", "limit and offset must be numbers")
        if limit < 1 or limit > 100 or offset < 0:
            return self.problem(400, "BadRequestData", "limit must be 1..100 and offset >= 0")
        near = None
        if "georel" in q1:
            g = q1["georel"]
            if not g.startswith("near;maxDistance=="):
                return self.problem(400, "BadRequestData", "only georel=near;maxDistance==N")
            try:
                dist = float(g.split("==", 1)[1])
                coords = json.loads(q1.get("coordinates", ""))
                assert q1.get("geometry") == "Point" and len(coords) == 2
            except (ValueError, AssertionError, TypeError):
                return self.problem(400, "BadRequestData", "georel needs geometry=Point and coordinates=[lon,lat]")
            near = (dist, coords)
        conds = []
        if q1.get("q"):
            for c in q1["q"].split(";"):
                if "==" not in c:
                    return self.problem(400, "BadRequestData", "the double only knows q=attr==value")
                a, v = c.split("==", 1)
                conds.append((a, v.strip('"')))
        attrs = set(q1["attrs"].split(",")) if q1.get("attrs") else None
        with hub.lock:
            if temporal:
                ids = [i for i in sorted(hub.history) if hub.history[i][-1][1].get("type") == etype]
            else:
                ids = [i for i in sorted(hub.entities) if hub.entities[i].get("type") == etype]
            rows = []
            for i in ids:
                e = hub.entities.get(i) or hub.history[i][-1][1]
                if near:
                    loc = e.get("location", {}).get("value", {}).get("coordinates")
                    if not loc or haversine_m(loc, near[1]) > near[0]:
                        continue
                kv = key_values(e)
                if any(str(kv.get(a)) != v for a, v in conds):
                    continue
                rows.append(i)
            page = rows[offset:offset + limit]
            out = []
            for i in page:
                if temporal:
                    out.append(self.temporal_of(i, attrs, q1))
                else:
                    e = hub.entities[i]
                    if attrs:
                        e = {k: v for k, v in e.items() if k in META or k in attrs}
                    out.append(key_values(e) if q1.get("options") == "keyValues" else e)
        headers = {"NGSILD-Results-Count": str(len(rows))}
        if offset + limit < len(rows):
            nq = dict(q1)
            nq["offset"] = str(offset + limit)
            nq["limit"] = str(limit)
            base = "/temporal/entities" if temporal else "/entities"
            headers["Link"] = '<%s?%s>; rel="next"' % (base, urllib.parse.urlencode(nq))
        return self.reply(200, out, headers=headers)

    def temporal_of(self, i, attrs, q1):
        hub = self.server.hub
        lo = q1.get("timeAt")
        hi = q1.get("endTimeAt")
        out = {"id": i, "type": hub.history[i][-1][1]["type"]}
        for received, e in hub.history[i]:
            for k, v in e.items():
                if k in META or not isinstance(v, dict) or (attrs and k not in attrs):
                    continue
                inst = dict(v)
                t = inst.get("observedAt") or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(received))
                inst["observedAt"] = t
                if (lo and t < lo) or (hi and t >= hi):
                    continue
                out.setdefault(k, []).append(inst)
        return out

    def entity_count(self, query):
        hub = self.server.hub
        etype = query.get("type", [None])[0]
        if not etype:
            return self.problem(400, "BadRequestData", "type is required")
        with hub.lock:
            n = sum(1 for e in hub.entities.values() if e.get("type") == etype)
        return self.reply(200, {"type": etype, "totalCount": n})

    # ---------------------------------------------------------------- upsert
    def upsert(self):
        hub = self.server.hub
        body = self.read_body(hub.args.max_body)
        if body is None:
            return self.problem(413, "RequestEntityTooLarge", "batch over %d bytes" % hub.args.max_body)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if ctype not in ("application/json", "application/ld+json"):
            return self.problem(415, "UnsupportedMediaType", "Content-Type must be application/json or application/ld+json")
        try:
            batch = json.loads(body)
        except ValueError as ex:
            return self.problem(400, "InvalidRequest", "not JSON: %s" % ex)
        if not isinstance(batch, list) or not batch:
            return self.problem(400, "BadRequestData", "a non-empty array of entities is required")
        if ctype == "application/json" and "json-ld#context" not in (self.headers.get("Link") or ""):
            return self.problem(400, "BadRequestData", "application/json needs the @context in a Link header")
        for e in batch:
            if not isinstance(e, dict) or not valid_urn(e.get("id")):
                return self.problem(400, "BadRequestData", "entity id must be urn:ngsi-ld:<Type>:<id>: %r"
                                    % (e.get("id") if isinstance(e, dict) else e))
            if e["id"].split(":")[2] != e.get("type"):
                return self.problem(400, "BadRequestData", "id %s does not carry type %s" % (e["id"], e.get("type")))
            if hub.args.dataset_id and e.get("datasetId") != hub.args.dataset_id:
                return self.problem(400, "BadRequestData", "datasetId %s is required" % hub.args.dataset_id)
            for k, v in e.items():
                if k in META:
                    continue
                if not isinstance(v, dict) or v.get("type") not in ATTR_TYPES:
                    return self.problem(400, "BadRequestData", "attribute %s is not a Property, GeoProperty or Relationship" % k)
        now = time.time()
        with hub.lock:
            hub.received.append({"path": self.path, "link": self.headers.get("Link"), "entities": batch, "t": now})
            for e in batch:
                hub.entities[e["id"]] = e
                hub.history.setdefault(e["id"], []).append((now, e))
        return self.reply(204)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # A client that gives up mid-answer (a capped body, a timeout) is expected here.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description="Test double of KETI's City Data Hub (not a product)")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--client-id", default="kiosk-test")
    ap.add_argument("--client-secret", default="test-secret")
    ap.add_argument("--token-life", type=int, default=3600)
    ap.add_argument("--expires-absolute", action="store_true", help="expires_in as an absolute Unix time, as KETI sends it")
    ap.add_argument("--vehicles", type=int, default=25)
    ap.add_argument("--empty", action="store_true", help="no seed entities (e.g. with --import)")
    ap.add_argument("--dataset-id")
    ap.add_argument("--max-body", type=int, default=256 * 1024)
    ap.add_argument("--import", dest="import_file", help="load entities (a JSON array of upsert batches as /_double/received gives them)")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    hub = Hub(args)
    if args.import_file:
        with open(args.import_file, encoding="utf-8") as f:
            for up in json.load(f).get("upserts", []):
                for e in up["entities"]:
                    hub.entities[e["id"]] = e
                    hub.history.setdefault(e["id"], []).append((up.get("t", time.time()), e))
    srv = Server(("127.0.0.1", args.port), Handler)
    srv.hub = hub
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(str(srv.server_address[1]))
        os.replace(tmp, args.port_file)
    signal.signal(signal.SIGTERM, lambda *a: threading.Thread(target=srv.shutdown).start())
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    srv.server_close()


if __name__ == "__main__":
    main()
