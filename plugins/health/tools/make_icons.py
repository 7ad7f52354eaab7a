#!/usr/bin/env python3
"""Draws the health guide's sample icons (simple pictograms) as PNGs, with no imaging library:
shapes are rasterised with 4x4 supersampling and written with zlib.
    python3 plugins/health/tools/make_icons.py plugins/health/content/icons
Each area gets a pictogram on a coloured disc; "<name>-red.png" adds a red badge with "!" for
red-flag symptoms. Re-running gives identical files."""
import math, os, struct, sys, zlib

S = 128   # icon side in pixels
SS = 4    # supersampling per axis

def circle(cx, cy, r):
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def ellipse(cx, cy, rx, ry):
    return lambda x, y: ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1

def rect(x0, y0, x1, y1, r=0):
    def f(x, y):
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        if r <= 0:
            return True
        cx = min(max(x, x0 + r), x1 - r); cy = min(max(y, y0 + r), y1 - r)
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    return f

def line(x0, y0, x1, y1, w):
    def f(x, y):
        dx, dy = x1 - x0, y1 - y0
        t = max(0, min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)))
        px, py = x0 + t * dx, y0 + t * dy
        return (x - px) ** 2 + (y - py) ** 2 <= (w / 2) ** 2
    return f

def poly(pts):
    def f(x, y):
        inside = False
        n = len(pts)
        for i in range(n):
            xa, ya = pts[i]; xb, yb = pts[(i + 1) % n]
            if (ya > y) != (yb > y) and x < (xb - xa) * (y - ya) / (yb - ya) + xa:
                inside = not inside
        return inside
    return f

def minus(a, b):
    return lambda x, y: a(x, y) and not b(x, y)

def union(*fs):
    return lambda x, y: any(f(x, y) for f in fs)

WHITE = (255, 255, 255); DARK = (40, 48, 66); RED = (214, 40, 40)

def render(layers, path):
    """layers: list of (shape, rgb); later layers paint over earlier ones."""
    rows = []
    for py in range(S):
        row = bytearray()
        for px in range(S):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(SS):
                for sx in range(SS):
                    x = px + (sx + 0.5) / SS; y = py + (sy + 0.5) / SS
                    col = None
                    for shape, rgb in layers:
                        if shape(x, y):
                            col = rgb
                    if col:
                        acc[0] += col[0]; acc[1] += col[1]; acc[2] += col[2]; acc[3] += 1
            a = acc[3] / (SS * SS)
            if acc[3]:
                row += bytes([round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]), round(a * 255)])
            else:
                row += b"\0\0\0\0"
        rows.append(b"\0" + bytes(row))
    raw = b"".join(rows)
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", S, S, 8, 6, 0, 0, 0)) + \
          chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    open(path, "wb").write(png)

def disc(rgb):
    return [(circle(64, 64, 62), rgb)]

def person(cx, top, h, rgb):
    """A simple standing figure of height h."""
    r = h * 0.11
    return [(circle(cx, top + r, r), rgb),
            (rect(cx - h * 0.16, top + 2.3 * r, cx + h * 0.16, top + h * 0.62, h * 0.07), rgb),
            (line(cx - h * 0.08, top + h * 0.6, cx - h * 0.1, top + h, h * 0.1), rgb),
            (line(cx + h * 0.08, top + h * 0.6, cx + h * 0.1, top + h, h * 0.1), rgb)]

def cross(cx, cy, s, w, rgb):
    return [(rect(cx - w / 2, cy - s / 2, cx + w / 2, cy + s / 2, 2), rgb),
            (rect(cx - s / 2, cy - w / 2, cx + s / 2, cy + w / 2, 2), rgb)]

ICONS = {
    "home-symptoms": disc((74, 144, 226)) + person(64, 18, 92, WHITE) + [(circle(64, 62, 9), RED)],
    "home-clinic": disc((46, 160, 120)) + [(rect(30, 40, 98, 104, 4), WHITE), (poly([(24, 44), (64, 18), (104, 44)]), WHITE)]
                   + cross(64, 70, 30, 10, (46, 160, 120)),
    "home-card": disc((240, 170, 40)) + [(rect(22, 34, 106, 96, 8), WHITE)]
                 + [(rect(32, y, 96, y + 7, 3), DARK) for y in (46, 60, 74)] + [(rect(32, 84, 70, 89, 2), (160, 160, 160))],
    "home-help": disc((130, 90, 200)) + [(rect(26, 30, 102, 88, 16), WHITE), (poly([(44, 84), (40, 108), (66, 86)]), WHITE),
                 (circle(64, 44, 6), (130, 90, 200)), (rect(59, 55, 69, 78, 3), (130, 90, 200))],
    "emergency": disc(RED) + cross(64, 64, 70, 24, WHITE),
    "adult": disc((74, 144, 226)) + person(64, 14, 100, WHITE),
    "child": disc((240, 120, 150)) + person(64, 44, 66, WHITE),
    "area-fever": disc((230, 110, 70)) + [(line(64, 26, 64, 84, 16), WHITE), (circle(64, 92, 16), WHITE), (line(64, 60, 64, 92, 7), RED), (circle(64, 92, 10), RED)],
    "area-head": disc((74, 144, 226)) + [(ellipse(64, 60, 30, 36), WHITE), (rect(52, 90, 76, 112, 6), WHITE),
                  (circle(53, 56, 4), DARK), (circle(75, 56, 4), DARK), (line(54, 76, 74, 76, 4), DARK)],
    "area-chest": disc((200, 70, 90)) + [(ellipse(46, 66, 18, 30), WHITE), (ellipse(82, 66, 18, 30), WHITE), (line(64, 24, 64, 52, 8), WHITE)],
    "area-belly": disc((90, 170, 90)) + [(ellipse(64, 70, 34, 30), WHITE), (circle(64, 72, 5), DARK), (line(40, 44, 88, 44, 8), WHITE)],
    "area-skin": disc((220, 150, 110)) + [(rect(36, 30, 92, 100, 18), WHITE)] + [(circle(x, y, 5), (220, 80, 80)) for x, y in ((52, 50), (74, 58), (58, 76), (80, 84), (48, 90))],
    "area-bones": disc((150, 150, 160)) + [(line(42, 86, 86, 42, 14), WHITE)] + [(circle(x, y, 10), WHITE) for x, y in ((34, 86), (42, 96), (86, 32), (96, 42))],
    "area-eyes-ears": disc((60, 170, 200)) + [(minus(ellipse(64, 64, 44, 24), circle(64, 64, 0)), WHITE), (circle(64, 64, 15), (60, 120, 180)), (circle(64, 64, 7), DARK)],
    "area-teeth": disc((100, 180, 220)) + [(poly([(36, 40), (92, 40), (88, 72), (80, 104), (70, 104), (64, 80), (58, 104), (48, 104), (40, 72)]), WHITE), (ellipse(64, 42, 28, 10), WHITE)],
    "area-mind": disc((110, 100, 190)) + [(circle(50, 62, 22), WHITE), (circle(74, 54, 24), WHITE), (circle(84, 72, 18), WHITE), (rect(40, 62, 96, 88, 12), WHITE), (circle(30, 96, 6), WHITE), (circle(20, 108, 4), WHITE)],
    "area-women": disc((220, 100, 160)) + [(circle(58, 28, 11), WHITE), (rect(46, 40, 70, 100, 8), WHITE), (circle(72, 70, 18), WHITE), (rect(48, 96, 58, 116, 4), WHITE), (rect(60, 96, 70, 116, 4), WHITE)],
    "area-injury": disc((190, 60, 60)) + [(poly([(64, 18), (92, 70), (36, 70)]), WHITE), (circle(64, 78, 28), WHITE)],
}

def badge(layers):
    return layers + [(circle(100, 28, 24), RED), (circle(100, 28, 24) if False else rect(96, 12, 104, 34, 3), WHITE), (circle(100, 41, 4.5), WHITE)]

def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, layers in ICONS.items():
        render(layers, os.path.join(out, name + ".png"))
        if name.startswith("area-"):
            render(badge(layers), os.path.join(out, name + "-red.png"))

main()
