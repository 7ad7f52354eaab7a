#!/usr/bin/env python3
"""Draws the courseware's sample pictures: one simple pictogram per item and per deck, made for
the project from ImageMagick vector drawing commands (MVG) on a 100x100 canvas. No image is copied
from anywhere. Needs ImageMagick's `convert` and the DejaVu fonts (for digits and signs).
    python3 plugins/courseware/tools/make_pictures.py plugins/courseware/content
Writes <content>/pictures/<deck>-<item>.png, <deck>.png and icon.png. Each pictogram is a few
shapes: a figure, an object, a sign. Digits and symbols (₩, $, %, ?) are allowed in a picture; a
word in the answer's language never is."""
import json, os, subprocess, sys

INK = "#1d3557"
RED = "#d62828"
ORANGE = "#f77f00"
GREEN = "#2a9d8f"
BLUE = "#277da1"
YEL = "#fcbf49"
GREY = "#8d99ae"
WHITE = "#ffffff"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
DECK_BG = {"greetings": "#fde2e4", "numbers": "#e2ece9", "safety": "#fff1c1", "health": "#e3f2fd",
           "bank": "#e9f5db", "transport": "#ede7f6", "office": "#f1f3f5", "food": "#ffe8d6"}

def f(c): return f"fill '{c}' stroke none\n"
def sk(c, w): return f"fill none stroke '{c}' stroke-width {w} stroke-linecap round stroke-linejoin round\n"
def circ(x, y, r, c=INK): return f(c) + f"circle {x},{y} {x + r},{y}\n"
def ring(x, y, r, c=INK, w=4): return sk(c, w) + f"circle {x},{y} {x + r},{y}\n"
def rect(x0, y0, x1, y1, c=INK, r=0): return f(c) + (f"roundrectangle {x0},{y0} {x1},{y1} {r},{r}\n" if r else f"rectangle {x0},{y0} {x1},{y1}\n")
def box(x0, y0, x1, y1, c=INK, w=4, r=3): return sk(c, w) + f"roundrectangle {x0},{y0} {x1},{y1} {r},{r}\n"
def poly(pts, c=INK): return f(c) + "polygon " + " ".join(f"{x},{y}" for x, y in pts) + "\n"
def line(pts, c=INK, w=4): return sk(c, w) + "polyline " + " ".join(f"{x},{y}" for x, y in pts) + "\n"
def path(d, c=INK): return f(c) + f"path '{d}'\n"
def spath(d, c=INK, w=4): return sk(c, w) + f"path '{d}'\n"
def text(x, y, s, size=22, c=INK):
    s = s.replace("'", "\\'")
    return f(c) + f"font '{FONT}' font-size {size} text-anchor middle text {x},{y} '{s}'\n"

# --- figures ---
def person(x=50, y=0, s=1.0, c=INK):
    return (circ(x, 28 * s + y, 9 * s, c) +
            path(f"M{x-14*s} {82*s+y} L{x-12*s} {48*s+y} Q{x} {38*s+y} {x+12*s} {48*s+y} L{x+14*s} {82*s+y} Z", c))
def wave_person(x=46, c=INK):
    return person(x, c=c) + line([(x + 11, 48), (x + 24, 30), (x + 26, 18)], c, 6)
def bow_person(c=INK):
    return circ(62, 40, 9, c) + path("M30 84 L34 52 Q44 40 56 50 L50 84 Z", c)
def hand(x=50, y=50, c=INK):
    return (rect(x - 14, y - 4, x + 14, y + 26, c, 6) +
            "".join(rect(x - 14 + i * 7, y - 22 + (i % 2) * 3, x - 9 + i * 7, y, c, 2) for i in range(4)) +
            rect(x + 12, y, x + 22, y + 6, c, 3))
def no_sign(c=RED): return ring(50, 50, 40, c, 7) + line([(22, 78), (78, 22)], c, 7)
def warn(c=ORANGE): return poly([(50, 8), (93, 86), (7, 86)], c) + poly([(50, 22), (81, 78), (19, 78)], YEL)
def bubble(x0=14, y0=12, x1=86, y1=64, c=INK):
    return rect(x0, y0, x1, y1, c, 10) + poly([(x0 + 14, y1 - 2), (x0 + 10, y1 + 16), (x0 + 30, y1 - 2)], c)
def house(c=INK):
    return poly([(50, 14), (88, 46), (12, 46)], c) + rect(20, 46, 80, 86, c) + rect(42, 60, 58, 86, WHITE)
def building(c=INK, sign=None):
    out = rect(18, 26, 82, 88, c) + "".join(rect(26 + i * 18, 36 + j * 16, 36 + i * 18, 46 + j * 16, WHITE) for i in range(3) for j in range(3))
    return out + (sign if sign else "")
def cross(x, y, s, c=RED): return rect(x - s, y - s / 3, x + s, y + s / 3, c) + rect(x - s / 3, y - s, x + s / 3, y + s, c)
def clock(h, m, x=50, y=50, r=34):
    import math
    ha = math.radians((h % 12) * 30 + m / 2 - 90); ma = math.radians(m * 6 - 90)
    return (circ(x, y, r, WHITE) + ring(x, y, r, INK, 6) +
            line([(x, y), (x + r * .5 * math.cos(ha), y + r * .5 * math.sin(ha))], INK, 6) +
            line([(x, y), (x + r * .8 * math.cos(ma), y + r * .8 * math.sin(ma))], INK, 4) + circ(x, y, 4))
def calendar(label, c=RED):
    return rect(16, 18, 84, 88, WHITE, 6) + box(16, 18, 84, 88, INK, 4, 6) + rect(16, 18, 84, 36, c, 6) + text(50, 75, label, 30)
def coin(x, y, r=12, c=YEL): return circ(x, y, r, c) + ring(x, y, r, ORANGE, 3) + text(x, y + r * .45, "₩", r * 1.2, ORANGE)
def note(x0=14, y0=30, x1=86, y1=70, c=GREEN, label="₩"):
    return rect(x0, y0, x1, y1, c, 4) + ring((x0 + x1) / 2, (y0 + y1) / 2, 12, WHITE, 3) + text((x0 + x1) / 2, (y0 + y1) / 2 + 6, label, 16, WHITE)
def card(c=BLUE): return rect(12, 26, 88, 76, c, 6) + rect(12, 36, 88, 46, INK) + rect(20, 58, 44, 66, YEL, 2)
def doc(lines=4, c=INK):
    return rect(22, 10, 78, 90, WHITE, 4) + box(22, 10, 78, 90, c, 4, 4) + "".join(line([(32, 26 + i * 12), (68, 26 + i * 12)], GREY, 4) for i in range(lines))
def arrow(d, c=INK):
    pts = {"left": [(80, 42), (44, 42), (44, 26), (14, 50), (44, 74), (44, 58), (80, 58)],
           "right": [(20, 42), (56, 42), (56, 26), (86, 50), (56, 74), (56, 58), (20, 58)],
           "up": [(42, 86), (42, 44), (26, 44), (50, 12), (74, 44), (58, 44), (58, 86)],
           "down": [(42, 14), (42, 56), (26, 56), (50, 88), (74, 56), (58, 56), (58, 14)]}[d]
    return poly(pts, c)
def bus(c=GREEN, label=None):
    out = rect(14, 22, 86, 78, c, 8) + rect(20, 30, 80, 52, WHITE, 3) + circ(30, 80, 8) + circ(70, 80, 8) + rect(22, 62, 32, 68, YEL, 2) + rect(68, 62, 78, 68, YEL, 2)
    return out + (text(50, 47, label, 16, c) if label else "")
def train(c=BLUE):
    return (rect(22, 12, 78, 78, c, 12) + rect(30, 22, 70, 46, WHITE, 4) + circ(36, 62, 5, YEL) + circ(64, 62, 5, YEL) +
            line([(30, 80), (20, 92)], INK, 5) + line([(70, 80), (80, 92)], INK, 5))
def person_tie(c=INK): return person(c=c) + poly([(50, 44), (46, 52), (50, 70), (54, 52)], RED)
def bowl(c=WHITE, food=WHITE):
    return path("M14 50 L86 50 Q84 84 50 86 Q16 84 14 50 Z", BLUE) + path("M20 50 Q50 20 80 50 Z", food)

P = {
    # greetings
    "greetings-hello": wave_person(),
    "greetings-thanks": bow_person() + path("M72 18 C66 8 54 14 62 26 L72 36 L82 26 C90 14 78 8 72 18 Z", RED),
    "greetings-sorry": bow_person() + path("M78 14 Q70 28 78 32 Q86 28 78 14 Z", BLUE),
    "greetings-bye-stay": house(GREY) + person(50, 8, .8) + line([(60, 50), (70, 34)], INK, 5),
    "greetings-bye-go": wave_person(30) + poly([(62, 60), (92, 60), (80, 48), (92, 60), (80, 72)], ORANGE) + line([(60, 60), (92, 60), (80, 48), (92, 60), (80, 72)], ORANGE, 6),
    "greetings-yes": circ(50, 50, 40, GREEN) + line([(30, 52), (45, 66), (72, 36)], WHITE, 9),
    "greetings-no": circ(50, 50, 40, RED) + line([(32, 32), (68, 68)], WHITE, 9) + line([(68, 32), (32, 68)], WHITE, 9),
    "greetings-name": rect(10, 24, 90, 78, RED, 8) + rect(16, 40, 84, 72, WHITE, 4) + line([(24, 56), (76, 56)], INK, 5),
    "greetings-country": line([(24, 12), (24, 92)], INK, 5) + path("M26 14 Q46 6 60 16 Q74 24 86 16 L86 52 Q74 60 60 52 Q46 44 26 52 Z", BLUE) + circ(56, 34, 8, WHITE),
    "greetings-me": person(44) + poly([(70, 58), (86, 48), (86, 68)], ORANGE) + line([(86, 58), (62, 58)], ORANGE, 6),
    "greetings-nice": person(28, 8, .85) + person(72, 8, .85, BLUE) + path("M50 30 C46 22 38 26 44 34 L50 40 L56 34 C62 26 54 22 50 30 Z", RED),
    "greetings-friend": person(34) + person(66, c=BLUE) + line([(44, 54), (56, 54)], INK, 6),
    "greetings-family": person(26) + person(74, c=BLUE) + person(50, 24, .7, ORANGE),
    "greetings-age": rect(22, 50, 78, 84, ORANGE, 6) + rect(22, 62, 78, 68, WHITE) + "".join(rect(30 + i * 18, 30, 34 + i * 18, 50, BLUE) + circ(32 + i * 18, 24, 4, RED) for i in range(3)),
    "greetings-job": rect(14, 34, 86, 84, ORANGE, 8) + box(36, 20, 64, 36, INK, 6, 4) + rect(14, 52, 86, 56, INK),
    "greetings-hometown": house() + path("M50 64 C47 58 40 61 45 68 L50 74 L55 68 C60 61 53 58 50 64 Z", RED),
    "greetings-korean": bubble() + text(50, 50, "가나", 26, WHITE),
    "greetings-understood": circ(50, 40, 24, YEL) + rect(40, 62, 60, 78, GREY, 3) + line([(38, 40), (48, 50), (64, 30)], INK, 6),
    "greetings-again": spath("M74 34 A28 28 0 1 0 78 58", INK, 8) + poly([(62, 30), (84, 20), (82, 44)], INK),
    "greetings-slowly": path("M14 78 L86 78 L80 70 L26 70 Z", GREEN) + circ(48, 54, 18, ORANGE) + spath("M48 54 m-10 0 a10 10 0 1 1 10 10", WHITE, 4) + line([(70, 68), (78, 44)], GREEN, 4) + line([(76, 68), (86, 46)], GREEN, 4),
    # numbers
    "numbers-one": circ(50, 50, 14),
    "numbers-two": circ(32, 50, 13) + circ(68, 50, 13),
    "numbers-three": circ(26, 50, 11) + circ(50, 50, 11) + circ(74, 50, 11),
    "numbers-five": "".join(circ(x, y, 9) for x, y in [(28, 30), (72, 30), (50, 50), (28, 70), (72, 70)]),
    "numbers-ten": "".join(circ(18 + i * 16, 38 + j * 24, 6) for i in range(5) for j in range(2)),
    "numbers-hundred": text(50, 62, "100", 38),
    "numbers-thousand": text(50, 60, "1,000", 28),
    "numbers-ten-thousand": text(50, 60, "10,000", 24),
    "numbers-won": circ(50, 50, 36, YEL) + ring(50, 50, 36, ORANGE, 5) + text(50, 66, "₩", 46, ORANGE),
    "numbers-money": note(10, 40, 74, 80) + note(26, 20, 90, 60, GREEN),
    "numbers-price": poly([(14, 50), (46, 18), (86, 18), (86, 58), (54, 90)], ORANGE) + circ(72, 32, 6, WHITE) + text(56, 66, "₩", 22, WHITE),
    "numbers-how-much": coin(34, 60, 20) + text(72, 60, "?", 50),
    "numbers-oclock": clock(3, 0),
    "numbers-minute": clock(12, 10) + path("M50 50 L50 16 A34 34 0 0 1 67 20.5 Z", ORANGE),
    "numbers-today": calendar("●", GREEN),
    "numbers-tomorrow": calendar("+1", BLUE),
    "numbers-yesterday": calendar("-1", GREY),
    "numbers-monday": calendar("1", RED) + line([(24, 48), (36, 48)], INK, 3),
    "numbers-weekend": calendar("6 7", ORANGE),
    "numbers-now": clock(10, 10) + circ(80, 20, 10, RED),
    # safety
    "safety-hard-hat": path("M14 66 Q14 26 50 24 Q86 26 86 66 Z", YEL) + rect(8, 64, 92, 74, ORANGE, 4) + rect(46, 20, 54, 60, ORANGE, 3),
    "safety-danger": warn() + rect(46, 40, 54, 64, INK, 3) + circ(50, 72, 4),
    "safety-construction": warn() + circ(56, 44, 5) + line([(54, 52), (46, 66)], INK, 6) + line([(36, 74), (46, 66), (54, 74)], INK, 5) + path("M60 74 L72 74 L66 62 Z", INK),
    "safety-no-smoking": rect(22, 46, 78, 56, GREY) + rect(66, 46, 78, 56, ORANGE) + spath("M72 40 Q78 32 72 24", GREY, 3) + no_sign(),
    "safety-fire": path("M50 10 Q74 38 70 62 Q66 88 50 88 Q34 88 30 62 Q28 44 40 32 Q44 50 50 46 Q46 30 50 10 Z", RED) + path("M50 52 Q62 66 58 76 Q54 86 50 86 Q44 86 42 76 Q42 64 50 52 Z", YEL),
    "safety-exit": rect(8, 8, 92, 92, GREEN, 8) + rect(60, 18, 84, 84, WHITE, 2) + circ(34, 28, 7, WHITE) + line([(32, 38), (28, 58), (16, 78)], WHITE, 6) + line([(28, 58), (40, 66), (40, 82)], WHITE, 6) + line([(20, 44), (32, 38), (46, 46)], WHITE, 5),
    "safety-gloves": hand(50, 46, ORANGE) + rect(34, 70, 66, 86, INK, 3),
    "safety-safety-shoes": path("M20 30 L44 30 L46 56 Q82 56 86 72 L86 82 L16 82 Z", INK) + path("M60 60 Q82 58 86 72 L86 82 L66 82 Z", YEL),
    "safety-mask": path("M22 36 Q50 28 78 36 L76 66 Q50 80 24 66 Z", WHITE) + spath("M22 36 Q50 28 78 36 L76 66 Q50 80 24 66 Z", BLUE, 4) + spath("M22 40 L8 34 M22 60 L8 66 M78 40 L92 34 M78 60 L92 66", BLUE, 3) + line([(32, 48), (68, 48)], GREY, 3) + line([(32, 58), (68, 58)], GREY, 3),
    "safety-goggles": rect(10, 36, 90, 70, INK, 14) + circ(32, 53, 13, "#9bd0e6") + circ(68, 53, 13, "#9bd0e6"),
    "safety-careful": warn() + path("M26 62 Q50 38 74 62 Q50 84 26 62 Z", WHITE) + spath("M26 62 Q50 38 74 62 Q50 84 26 62 Z", INK, 3) + circ(50, 62, 9),
    "safety-slippery": warn() + circ(44, 42, 5) + line([(46, 50), (54, 62)], INK, 5) + line([(54, 62), (66, 66)], INK, 5) + line([(54, 62), (40, 70)], INK, 5) + line([(26, 76), (74, 76)], BLUE, 4),
    "safety-no-entry": circ(50, 50, 40, RED) + rect(22, 42, 78, 58, WHITE, 3),
    "safety-stop": circ(50, 50, 42, RED) + hand(50, 46, WHITE),
    "safety-electricity": warn() + poly([(54, 30), (38, 58), (50, 58), (44, 78), (64, 48), (52, 48), (58, 30)], INK),
    "safety-falling": rect(10, 84, 90, 90, INK) + rect(38, 10, 62, 34, ORANGE, 2) + poly([(42, 44), (58, 44), (58, 58), (68, 58), (50, 78), (32, 58), (42, 58)], RED),
    "safety-forklift": rect(16, 40, 56, 72, ORANGE, 4) + rect(22, 24, 46, 42, INK) + rect(26, 28, 42, 40, WHITE) + rect(60, 16, 66, 78, INK) + rect(66, 70, 92, 76, INK) + circ(26, 78, 8) + circ(50, 78, 8),
    "safety-injury": hand(50, 44, "#e9c46a") + rect(30, 52, 70, 62, WHITE, 4) + box(30, 52, 70, 62, GREY, 2, 4),
    "safety-first-aid": rect(12, 26, 88, 82, GREEN, 8) + box(38, 16, 62, 28, INK, 5, 3) + cross(50, 54, 16, WHITE),
    "safety-extinguisher": rect(34, 28, 62, 88, RED, 10) + rect(40, 16, 54, 28, INK) + line([(54, 20), (74, 26), (82, 40)], INK, 5) + rect(38, 50, 58, 64, WHITE, 2),
    # health
    "health-hospital": building(INK) + rect(38, 6, 62, 30, WHITE, 4) + cross(50, 18, 10, RED),
    "health-pharmacy": rect(14, 20, 86, 86, GREEN, 6) + cross(50, 53, 22, WHITE),
    "health-medicine": path("M20 58 L46 32 Q56 22 66 32 Q76 42 66 52 L40 78 Q30 88 20 78 Q10 68 20 58 Z", BLUE) + path("M33 45 L53 65 L40 78 Q30 88 20 78 Q10 68 20 58 Z", WHITE) + circ(72, 76, 12, ORANGE),
    "health-doctor": person() + spath("M40 46 Q38 66 50 66 Q62 66 60 46", GREY, 3) + circ(50, 68, 4, GREY) + cross(64, 58, 5, RED),
    "health-hurts": person(46) + spath("M70 20 L78 28 L72 32 L82 42", RED, 4) + spath("M24 18 L18 28 L26 30 L18 40", RED, 4),
    "health-head": circ(50, 46, 28) + rect(40, 70, 60, 90) + spath("M80 16 L86 26 L78 28 L86 40", RED, 4),
    "health-stomach": path("M30 14 L70 14 L72 86 L28 86 Z", INK) + circ(50, 56, 14, RED) + circ(50, 56, 8, WHITE) + circ(50, 56, 3, RED),
    "health-fever": rect(44, 12, 56, 70, WHITE, 6) + box(44, 12, 56, 70, INK, 3, 6) + rect(47, 30, 53, 70, RED) + circ(50, 76, 12, RED) + spath("M70 30 Q76 38 70 46 M80 26 Q86 36 80 46", RED, 3),
    "health-cold": circ(50, 36, 18) + path("M32 86 L34 60 Q50 50 66 60 L68 86 Z") + rect(60, 34, 86, 56, WHITE, 4) + box(60, 34, 86, 56, GREY, 2, 4) + circ(26, 22, 4, BLUE) + circ(18, 34, 3, BLUE),
    "health-cough": circ(40, 48, 24) + spath("M66 40 L82 34 M68 50 L88 50 M66 60 L82 66", GREY, 5),
    "health-dentist": path("M24 24 Q36 12 50 22 Q64 12 76 24 Q84 40 72 58 L66 86 Q58 86 56 66 Q50 60 44 66 Q42 86 34 86 L28 58 Q16 40 24 24 Z", WHITE) + spath("M24 24 Q36 12 50 22 Q64 12 76 24 Q84 40 72 58 L66 86 Q58 86 56 66 Q50 60 44 66 Q42 86 34 86 L28 58 Q16 40 24 24 Z", INK, 4),
    "health-insurance": path("M50 10 L84 22 Q84 62 50 90 Q16 62 16 22 Z", BLUE) + cross(50, 48, 16, WHITE),
    "health-prescription": doc(4) + cross(64, 76, 7, RED),
    "health-er": building(RED) + rect(24, 4, 76, 24, WHITE, 4) + text(50, 20, "119", 16, RED),
    "health-ambulance": rect(10, 30, 66, 74, WHITE, 4) + box(10, 30, 66, 74, INK, 3, 4) + path("M66 42 L82 42 L92 58 L92 74 L66 74 Z", RED) + cross(38, 52, 11, RED) + circ(28, 78, 8) + circ(74, 78, 8) + rect(30, 22, 44, 30, BLUE, 2),
    "health-injection": rect(26, 40, 70, 56, "#caf0f8", 2) + box(26, 40, 70, 56, INK, 3, 2) + rect(70, 44, 82, 52, INK) + line([(82, 48), (94, 48)], INK, 2) + rect(10, 38, 26, 58, INK) + rect(34, 43, 56, 53, BLUE),
    "health-hand": hand(50, 44, "#e9c46a"),
    "health-leg": path("M40 10 L60 10 L58 56 L62 80 L86 82 L86 92 L42 92 L44 56 Z", "#e9c46a") + spath("M40 10 L60 10 L58 56 L62 80 L86 82 L86 92 L42 92 L44 56 Z", INK, 3),
    "health-reception": rect(8, 56, 92, 90, BLUE, 4) + person(50, -14, .9) + rect(30, 48, 70, 58, WHITE, 2) + text(50, 80, "1", 18, WHITE),
    "health-painkiller": circ(36, 50, 22, WHITE) + ring(36, 50, 22, INK, 4) + line([(36, 32), (36, 68)], INK, 3) + spath("M66 24 L76 36 L68 42 L80 56", RED, 5) + line([(62, 70), (88, 30)], GREEN, 6),
    # bank
    "bank-bank": poly([(50, 8), (92, 30), (8, 30)], INK) + "".join(rect(16 + i * 20, 36, 24 + i * 20, 76) for i in range(4)) + rect(8, 80, 92, 90) + text(50, 28, "₩", 16, WHITE),
    "bank-bankbook": rect(20, 12, 80, 88, GREEN, 6) + rect(28, 24, 72, 40, WHITE, 2) + text(50, 70, "₩", 26, WHITE),
    "bank-card": card(),
    "bank-cash": note(8, 24, 70, 60) + note(30, 44, 92, 80, GREEN),
    "bank-remit": note(6, 52, 50, 80) + house(BLUE).replace("polygon 50,14 88,46 12,46", "polygon 74,12 96,32 52,32").replace("rectangle 20,46 80,86", "rectangle 58,32 90,56").replace("rectangle 42,60 58,86", "rectangle 70,42 78,56") + spath("M30 46 Q34 18 56 20", ORANGE, 5) + poly([(52, 12), (62, 20), (50, 28)], ORANGE),
    "bank-fee": coin(30, 64, 16) + text(68, 60, "%", 40, RED),
    "bank-exchange": text(30, 44, "$", 32, GREEN) + text(70, 80, "₩", 32, BLUE) + spath("M54 26 Q76 26 76 50", ORANGE, 5) + poly([(68, 46), (84, 46), (76, 58)], ORANGE) + spath("M46 74 Q24 74 24 54", ORANGE, 5) + poly([(16, 58), (32, 58), (24, 46)], ORANGE),
    "bank-account": rect(12, 26, 88, 74, WHITE, 6) + box(12, 26, 88, 74, INK, 4, 6) + text(50, 58, "123-45", 18),
    "bank-pin": "".join(rect(18 + i * 22, 18 + j * 22, 36 + i * 22, 36 + j * 22, INK, 3) for i in range(3) for j in range(3)) + text(50, 92, "* * * *", 16, RED),
    "bank-atm": rect(16, 8, 84, 92, BLUE, 6) + rect(26, 18, 74, 44, "#caf0f8", 3) + rect(30, 58, 70, 64, INK) + note(34, 64, 66, 84, GREEN),
    "bank-id-card": rect(8, 22, 92, 78, WHITE, 6) + box(8, 22, 92, 78, INK, 4, 6) + circ(30, 44, 8) + path("M18 70 Q30 52 42 70 Z") + line([(52, 40), (82, 40)], GREY, 4) + line([(52, 52), (82, 52)], GREY, 4) + line([(52, 64), (74, 64)], GREY, 4),
    "bank-salary": calendar("₩", GREEN),
    "bank-deposit": card(GREY) + poly([(38, 4), (62, 4), (62, 16), (72, 16), (50, 34), (28, 16), (38, 16)], GREEN),
    "bank-withdraw": note(14, 54, 86, 90) + poly([(40, 44), (60, 44), (60, 28), (72, 28), (50, 8), (28, 28), (40, 28)], ORANGE),
    "bank-balance": rect(14, 14, 86, 86, WHITE, 6) + box(14, 14, 86, 86, INK, 4, 6) + text(50, 44, "₩", 24, GREY) + text(50, 74, "= ?", 22),
    "bank-signature": line([(14, 74), (86, 74)], GREY, 3) + spath("M16 62 Q24 30 32 58 Q38 76 46 48 Q52 30 58 56 Q62 66 70 52", INK, 4) + poly([(70, 52), (90, 20), (96, 26), (76, 58)], ORANGE),
    "bank-ticket": rect(24, 10, 76, 90, WHITE, 4) + box(24, 10, 76, 90, INK, 4, 4) + text(50, 62, "27", 32, RED),
    "bank-dollar": circ(50, 50, 38, GREEN) + text(50, 68, "$", 50, WHITE),
    "bank-abroad": circ(50, 50, 36, BLUE) + spath("M14 50 L86 50 M50 14 Q30 50 50 86 M50 14 Q70 50 50 86", WHITE, 3) + poly([(66, 10), (94, 22), (70, 30)], ORANGE),
    "bank-counter": rect(8, 16, 92, 56, "#caf0f8", 4) + box(8, 16, 92, 56, INK, 4, 4) + line([(50, 16), (50, 56)], INK, 4) + rect(8, 60, 92, 90, INK, 2) + rect(26, 22, 40, 34, RED, 2) + text(33, 32, "3", 10, WHITE),
    # transport
    "transport-bus": bus(),
    "transport-subway": train(),
    "transport-shuttle": rect(16, 30, 84, 74, ORANGE, 8) + rect(22, 36, 78, 54, WHITE, 3) + circ(32, 76, 7) + circ(68, 76, 7) + text(50, 24, "↔", 22, INK),
    "transport-station": rect(10, 28, 90, 60, BLUE, 6) + circ(26, 44, 8, WHITE) + line([(40, 44), (80, 44)], WHITE, 5) + rect(46, 60, 54, 92),
    "transport-bus-stop": rect(46, 30, 54, 92) + circ(50, 24, 18, GREEN) + rect(40, 16, 60, 30, WHITE, 3) + rect(30, 84, 70, 90),
    "transport-ticket": path("M10 30 L90 30 L90 42 Q82 50 90 58 L90 70 L10 70 L10 58 Q18 50 10 42 Z", ORANGE) + line([(64, 34), (64, 66)], WHITE, 3) + circ(36, 50, 8, WHITE),
    "transport-transit-card": card(ORANGE) + spath("M64 54 Q70 60 64 66 M70 50 Q80 60 70 70", WHITE, 3),
    "transport-transfer": train(GREY).replace("polyline 30,80 20,92", "polyline 30,80 20,92") + spath("M12 20 Q6 50 20 70", ORANGE, 5) + poly([(12, 64), (26, 76), (28, 60)], ORANGE) + spath("M88 80 Q94 50 80 30", GREEN, 5) + poly([(88, 36), (74, 24), (72, 40)], GREEN),
    "transport-get-off": bus(GREY) + person(84, 30, .55, ORANGE) + poly([(60, 90), (76, 90), (76, 96)], ORANGE),
    "transport-get-on": bus(GREY) + circ(88, 44, 6, ORANGE) + path("M82 76 L83 56 Q88 50 93 56 L94 76 Z", ORANGE) + poly([(62, 92), (78, 92), (78, 84)], ORANGE),
    "transport-left": arrow("left"),
    "transport-right": arrow("right"),
    "transport-straight": arrow("up", GREEN),
    "transport-where": circ(50, 38, 24, RED) + poly([(30, 50), (70, 50), (50, 90)], RED) + text(50, 48, "?", 30, WHITE),
    "transport-taxi": rect(10, 44, 90, 76, YEL, 8) + path("M24 44 L34 24 L66 24 L76 44 Z", YEL) + rect(32, 28, 68, 42, WHITE, 2) + rect(40, 14, 60, 24, INK, 2) + circ(28, 78, 8) + circ(72, 78, 8),
    "transport-airport": path("M50 8 Q56 8 56 20 L56 38 L90 56 L90 64 L56 54 L56 74 L66 82 L66 88 L50 84 L34 88 L34 82 L44 74 L44 54 L10 64 L10 56 L44 38 L44 20 Q44 8 50 8 Z", BLUE),
    "transport-platform": rect(6, 70, 94, 80, GREY) + line([(6, 84), (94, 84)], INK, 3) + person(30, 2, .7) + rect(54, 40, 94, 66, BLUE, 6) + rect(60, 46, 84, 58, WHITE, 2),
    "transport-exit": rect(8, 20, 92, 80, YEL, 6) + arrow("up", INK).replace("42,86 42,44 26,44 50,12 74,44 58,44 58,86", "30,70 30,46 20,46 36,28 52,46 42,46 42,70") + text(70, 66, "3", 34),
    "transport-map": poly([(8, 20), (34, 12), (66, 22), (92, 14), (92, 80), (66, 88), (34, 78), (8, 86)], "#d8f3dc") + line([(34, 12), (34, 78)], GREY, 2) + line([(66, 22), (66, 88)], GREY, 2) + circ(52, 42, 10, RED) + poly([(44, 46), (60, 46), (52, 64)], RED),
    "transport-late": clock(9, 20, 40, 54, 30) + person(82, 30, .55, ORANGE) + spath("M66 40 L58 40 M68 52 L56 52", GREY, 3),
    # office
    "office-immigration": building(BLUE) + poly([(50, 4), (70, 22), (30, 22)], BLUE) + rect(40, 70, 60, 88, WHITE),
    "office-residence-card": rect(8, 22, 92, 78, "#caf0f8", 6) + box(8, 22, 92, 78, BLUE, 4, 6) + circ(30, 44, 8) + path("M18 70 Q30 52 42 70 Z") + line([(52, 40), (82, 40)], BLUE, 4) + line([(52, 52), (82, 52)], BLUE, 4) + rect(52, 60, 70, 70, RED, 2),
    "office-passport": rect(22, 10, 78, 90, "#264653", 6) + ring(50, 44, 14, YEL, 3) + line([(36, 44), (64, 44)], YEL, 2) + line([(34, 72), (66, 72)], YEL, 3),
    "office-visa": doc(2) + ring(50, 66, 16, RED, 4) + circ(50, 66, 6, RED),
    "office-extension": calendar("+", BLUE) + poly([(70, 4), (94, 16), (70, 28)], GREEN),
    "office-form": doc(5) + poly([(60, 70), (86, 40), (92, 46), (66, 76)], ORANGE),
    "office-photo": rect(10, 28, 90, 80, INK, 8) + rect(30, 18, 50, 30, INK, 3) + circ(50, 54, 18, WHITE) + circ(50, 54, 11, BLUE) + circ(78, 38, 4, YEL),
    "office-address": house(GREY) + circ(70, 24, 14, RED) + poly([(58, 30), (82, 30), (70, 50)], RED) + circ(70, 24, 5, WHITE),
    "office-phone": rect(28, 8, 72, 92, INK, 8) + rect(33, 18, 67, 76, "#caf0f8", 2) + circ(50, 84, 4, WHITE) + "".join(circ(40 + i * 10, 30 + j * 12, 3, INK) for i in range(3) for j in range(3)),
    "office-appointment": calendar("", BLUE) + line([(34, 62), (46, 74), (68, 48)], GREEN, 7),
    "office-job-centre": building(GREY) + rect(34, 58, 66, 82, ORANGE, 4) + box(44, 52, 56, 60, INK, 3, 2),
    "office-change": rect(6, 44, 38, 88, GREY) + rect(62, 44, 94, 88, BLUE) + rect(14, 54, 22, 62, WHITE) + rect(70, 54, 78, 62, WHITE) + spath("M24 36 Q50 8 76 36", ORANGE, 6) + poly([(68, 26), (84, 40), (66, 44)], ORANGE),
    "office-contract": doc(4) + spath("M30 78 Q36 68 42 78 Q48 86 54 76", BLUE, 3) + poly([(60, 80), (84, 50), (90, 56), (66, 86)], ORANGE),
    "office-counselling": person(26, 10, .8) + person(74, 10, .8, BLUE) + rect(36, 8, 64, 26, YEL, 6) + text(50, 23, "…", 16),
    "office-interpreting": bubble(6, 10, 50, 44, ORANGE) + text(28, 34, "A", 18, WHITE) + bubble(50, 48, 94, 82, BLUE) + text(72, 72, "가", 18, WHITE),
    "office-wait": path("M28 16 L44 16 L44 54 L74 54 L74 88 L66 88 L66 64 L36 64 L36 88 L28 88 Z", INK) + clock(10, 10, 76, 26, 14),
    "office-documents": path("M10 24 L40 24 L46 32 L90 32 L90 84 L10 84 Z", YEL) + rect(10, 38, 90, 84, ORANGE, 2),
    "office-boss": person_tie(),
    "office-company": path("M8 88 L8 44 L30 56 L30 44 L52 56 L52 44 L74 56 L74 20 L90 20 L90 88 Z", INK) + "".join(rect(14 + i * 18, 66, 22 + i * 18, 76, YEL) for i in range(4)),
    "office-permission": rect(14, 52, 86, 86, WHITE, 4) + box(14, 52, 86, 86, INK, 3, 4) + rect(38, 14, 62, 42, RED, 6) + rect(30, 40, 70, 50, RED, 3) + line([(32, 70), (44, 80), (66, 60)], GREEN, 5),
    # food
    "food-rice": bowl(food=WHITE) + circ(40, 40, 3, GREY) + circ(56, 36, 3, GREY),
    "food-water": path("M28 14 L72 14 L66 88 L34 88 Z", "#caf0f8") + spath("M28 14 L72 14 L66 88 L34 88 Z", INK, 3) + path("M31 40 L69 40 L66 88 L34 88 Z", BLUE),
    "food-kimchi": bowl(food=RED) + spath("M34 40 Q44 30 52 42 M52 36 Q60 28 68 40", ORANGE, 3),
    "food-tasty": circ(50, 50, 38, YEL) + circ(36, 40, 5) + circ(64, 40, 5) + spath("M30 58 Q50 78 70 58", INK, 5) + path("M56 64 Q62 80 66 62 Z", RED),
    "food-spicy": path("M30 30 Q40 26 46 34 Q70 44 80 84 Q56 70 36 48 Q28 40 30 30 Z", RED) + path("M30 30 Q26 16 38 12 L40 18 Q34 22 36 28 Z", GREEN),
    "food-menu": rect(22, 8, 78, 92, "#6a040f", 4) + rect(28, 14, 72, 86, WHITE, 2) + "".join(line([(34, 28 + i * 14), (66, 28 + i * 14)], GREY, 4) for i in range(4)) + circ(64, 28, 4, ORANGE),
    "food-pork": path("M14 54 Q14 26 50 26 Q86 26 86 54 Q86 80 50 80 Q14 80 14 54 Z", "#f4acb7") + poly([(22, 32), (28, 14), (38, 28)], "#f4acb7") + poly([(78, 32), (72, 14), (62, 28)], "#f4acb7") + rect(38, 52, 62, 68, "#e5989b", 8) + circ(45, 60, 3) + circ(55, 60, 3) + circ(36, 44, 3) + circ(64, 44, 3),
    "food-chicken": path("M50 24 Q78 26 80 56 Q80 84 50 84 Q20 84 22 56 Q24 36 40 30 Z", WHITE) + spath("M50 24 Q78 26 80 56 Q80 84 50 84 Q20 84 22 56 Q24 36 40 30 Z", INK, 3) + path("M40 20 Q44 10 50 16 Q56 8 58 20 Z", RED) + poly([(30, 36), (16, 42), (30, 46)], ORANGE) + circ(36, 36, 3),
    "food-vegetables": poly([(30, 30), (50, 30), (40, 92)], ORANGE) + spath("M36 30 L30 12 M40 30 L40 10 M44 30 L50 12", GREEN, 4) + circ(68, 58, 20, GREEN) + circ(60, 50, 10, "#52b788") + circ(76, 62, 10, "#52b788"),
    "food-fruit": circ(50, 56, 30, RED) + line([(50, 28), (54, 14)], INK, 4) + path("M54 22 Q66 10 76 18 Q66 28 54 22 Z", GREEN),
    "food-market": rect(10, 20, 90, 38, RED, 2) + "".join(rect(10 + i * 20, 20, 20 + i * 20, 38, WHITE) for i in range(4)) + rect(14, 38, 20, 88) + rect(80, 38, 86, 88) + rect(14, 60, 86, 70, ORANGE) + circ(30, 54, 6, RED) + circ(46, 54, 6, GREEN) + circ(62, 54, 6, YEL),
    "food-mart": spath("M8 20 L22 20 L32 66 L80 66 L88 32 L26 32", INK, 5) + circ(36, 80, 7) + circ(76, 80, 7) + rect(36, 38, 78, 58, ORANGE, 3),
    "food-cheap": coin(40, 40, 20) + poly([(62, 60), (82, 60), (82, 76), (92, 76), (72, 94), (52, 76), (62, 76)], GREEN),
    "food-expensive": coin(30, 70, 16) + coin(50, 56, 16) + coin(70, 42, 16) + poly([(74, 22), (84, 4), (94, 22)], RED),
    "food-receipt": path("M26 8 L74 8 L74 92 L66 86 L58 92 L50 86 L42 92 L34 86 L26 92 Z", WHITE) + spath("M26 8 L74 8 L74 92 L66 86 L58 92 L50 86 L42 92 L34 86 L26 92 Z", INK, 3) + "".join(line([(34, 22 + i * 12), (66, 22 + i * 12)], GREY, 3) for i in range(4)) + text(50, 80, "₩", 14),
    "food-bag": path("M18 34 L82 34 L76 90 L24 90 Z", "#e9ecef") + spath("M18 34 L82 34 L76 90 L24 90 Z", INK, 3) + spath("M36 34 Q36 12 50 12 Q64 12 64 34", INK, 4),
    "food-discount": poly([(14, 50), (46, 18), (86, 18), (86, 58), (54, 90)], RED) + text(58, 64, "%", 34, WHITE),
    "food-refund": coin(56, 56, 22) + spath("M28 30 Q10 50 28 72", BLUE, 6) + poly([(18, 74), (36, 80), (32, 62)], BLUE),
    "food-halal": circ(50, 50, 38, GREEN) + ring(50, 50, 30, WHITE, 3) + line([(34, 52), (46, 64), (68, 38)], WHITE, 8),
    "food-give": path("M8 66 L40 58 Q52 56 60 62 L84 50 Q92 48 92 56 L62 80 L30 84 L8 84 Z", "#e9c46a") + spath("M8 66 L40 58 Q52 56 60 62 L84 50 Q92 48 92 56 L62 80 L30 84 L8 84 Z", INK, 3) + rect(36, 26, 64, 52, ORANGE, 3) + rect(48, 26, 52, 52, YEL),
}
DECK_PIC = {"greetings": "greetings-hello", "numbers": "numbers-won", "safety": "safety-hard-hat",
            "health": "health-pharmacy", "bank": "bank-bank", "transport": "transport-bus",
            "office": "office-passport", "food": "food-rice"}

def render(mvg, bg, out, size=192):
    s = size / 100.0
    cmds = f"affine {s} 0 0 {s} 0 0\nfill '{bg}' stroke none roundrectangle 1,1 99,99 12,12\n" + mvg
    subprocess.run(["convert", "-size", f"{size}x{size}", "xc:none", "-draw", cmds, "-depth", "8",
                    "-strip", "-define", "png:exclude-chunks=date,time", out], check=True)

def main():
    content = sys.argv[1] if len(sys.argv) > 1 else "plugins/courseware/content"
    with open(os.path.join(content, "course.json"), encoding="utf-8") as fh:
        course = json.load(fh)
    os.makedirs(os.path.join(content, "pictures"), exist_ok=True)
    missing = []
    for deck in course["decks"]:
        bg = DECK_BG.get(deck["id"], "#f1f3f5")
        for it in deck["items"]:
            key = it["picture"][len("pictures/"):-len(".png")]
            if key not in P:
                missing.append(key)
                continue
            render(P[key], bg, os.path.join(content, it["picture"]))
        render(P[DECK_PIC[deck["id"]]], bg, os.path.join(content, deck["picture"]))
    render(bubble(12, 14, 88, 66, BLUE) + text(50, 52, "가", 34, WHITE), "#fde2e4",
           os.path.join(content, "pictures", "icon.png"), 256)
    if missing:
        sys.exit("no drawing for: " + ", ".join(missing))

if __name__ == "__main__":
    main()
