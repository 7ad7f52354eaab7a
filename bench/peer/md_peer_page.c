/* md-peer-page: writes the Chromium peer of `make bench`, a static HTML page that shows the same
 * screens as madang (same texts, rectangles, font sizes, theme colours and Noto font files through
 * file:// @font-face), built from the semantic trees madang itself wrote (`tree NAME` in a
 * headless script). The page draws its first screen at load; with #visit in the URL it then walks
 * through every screen (one frame each, scrolling the long ones) the way the bench's madang visit
 * does. It reports progress with console.log("md-ready NAME") for md-launch:
 *   first-frame   the first screen painted (after two animation frames)
 *   home          the same with every web font it uses loaded (interactive)
 *   visited       (#visit) every screen shown
 *   left          (#visit) back at the first screen 2 s later, as after a visitor left
 *   scrolled      (#scroll=NAME) NAME scrolled for 240 frames; then "frames p50 p99" in ms
 *
 *   md-peer-page --fonts fonts/fonts.conf --out page.html NAME=tree.json [NAME=tree.json]...
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/uscript.h>

static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<':
            fputs("\\u003c", f);
            break;
        case '>':
            fputs("\\u003e", f);
            break;
        case '&':
            fputs("\\u0026", f);
            break;
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        default:
            if ((unsigned char)*s < 0x20)
                fprintf(f, "\\u%04x", (unsigned char)*s);
            else
                fputc(*s, f);
        }
    }
}

/* fonts.conf: "dir PATH PACKAGE" lines and "SCRIPT LANG REGULAR FACE BOLD FACE" rules. One
 * @font-face pair per script (the first rule wins, as in the runtime), plus Urdu's own. */
static int write_fonts(FILE *out, const char *table)
{
    FILE *f = fopen(table, "r");
    if (!f) {
        fprintf(stderr, "md-peer-page: cannot read %s\n", table);
        return -1;
    }
    char dirs[8][512];
    int n_dirs = 0;
    char seen[128][48];
    int n_seen = 0;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        char a[512] = "", b[64] = "", reg[256] = "", bold[256] = "";
        int ri = 0, bi = 0;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "dir %511s", a) == 1) {
            if (n_dirs < 8)
                snprintf(dirs[n_dirs++], sizeof dirs[0], "%s", a);
            continue;
        }
        if (sscanf(line, "%511s %63s %255s %d %255s %d", a, b, reg, &ri, bold, &bi) < 4)
            continue;
        char family[48];
        if (!strcmp(b, "ur"))
            snprintf(family, sizeof family, "md-%s-ur", a);
        else if (!strcmp(b, "*"))
            snprintf(family, sizeof family, "md-%s", a);
        else
            continue; /* language-specific faces other than Urdu's: Han in Korean etc. */
        int dup = 0;
        for (int i = 0; i < n_seen; i++)
            dup |= !strcmp(seen[i], family);
        if (dup || n_seen >= 128)
            continue;
        snprintf(seen[n_seen++], sizeof seen[0], "%s", family);
        const char *files[2] = {reg, bold};
        for (int w = 0; w < 2; w++) {
            if (!files[w][0])
                continue;
            for (int d = 0; d < n_dirs; d++) {
                char path[1024];
                snprintf(path, sizeof path, "%s/%s", dirs[d], files[w]);
                FILE *probe = fopen(path, "r");
                if (!probe)
                    continue;
                fclose(probe);
                fprintf(out,
                        "@font-face{font-family:\"%s\";src:url(\"file://%s\");font-weight:%d;"
                        "font-display:block}\n",
                        family, path, w ? 700 : 400);
                break;
            }
        }
    }
    fclose(f);
    return 0;
}

/* The font stack for a language: its script's family (Urdu: Nastaliq), then Latin and Hangul
 * (clinic names carry Korean in every language). */
static void font_stack(const char *lang, char *out, size_t cap)
{
    char loc[64];
    int32_t parsed = 0;
    UErrorCode st = U_ZERO_ERROR;
    uloc_forLanguageTag(lang, loc, (int32_t)sizeof loc, &parsed, &st);
    UScriptCode codes[4];
    st = U_ZERO_ERROR;
    int n = uscript_getCode(U_SUCCESS(st) ? loc : "en", codes, 4, &st);
    const char *name = n > 0 && U_SUCCESS(st) ? uscript_getShortName(codes[0]) : "Latn";
    if (!strcmp(name, "Hani") && !strncmp(lang, "ko", 2))
        name = "Hang";
    if (!strncmp(lang, "ur", 2))
        snprintf(out, cap, "md-Arab-ur,md-Arab,md-Latn,md-Hang");
    else
        snprintf(out, cap, "md-%s,md-Latn,md-Hang", name);
}

static const char k_head[] =
    "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Madang peer</title>\n<style>\n";

static const char k_style[] =
    "html,body{margin:0;width:100vw;height:100vh;overflow:hidden;background:#F6F3EE;"
    "color:#1B1B1F}\n"
    "#bar{position:absolute;left:0;top:0;right:0;background:#12332F}\n"
    "#area{position:absolute;left:0;right:0;bottom:0;overflow:hidden}\n"
    "#area>div{position:absolute;left:0;top:0;right:0}\n"
    ".n{position:absolute;box-sizing:border-box;display:flex;align-items:center;"
    "overflow:hidden;line-height:1.3;white-space:normal}\n"
    ".button,.tile,.listitem{background:#FFFFFF;border:2px solid #C9C2B8;border-radius:10px}\n"
    ".button{justify-content:center;text-align:center;font-weight:700}\n"
    ".tile{justify-content:center;text-align:center;font-weight:700;align-items:flex-end;"
    "padding-bottom:40px}\n"
    ".listitem{align-items:flex-start;padding:14px 18px;font-weight:700}\n"
    ".heading{font-weight:700}\n.text{color:#4A4A55}\n"
    ".bar{color:#FFFFFF;justify-content:center}\n"
    ".bar.button{color:#1B1B1F}\n"
    "</style></head><body><div id=\"bar\"></div><div id=\"top\"></div>"
    "<div id=\"area\"><div id=\"content\"></div></div>\n<script>\n";

static const char k_script[] =
    "const BAR_H = S.__bar_h;\n"
    "function el(n, inBar) {\n"
    "  const d = document.createElement('div');\n"
    "  d.className = 'n ' + n[0] + (inBar ? ' bar' : '');\n"
    "  d.lang = n[2];\n"
    "  d.style.cssText = 'left:' + n[3] + 'px;top:' + (n[4] - (inBar ? 0 : BAR_H)) +\n"
    "    'px;width:' + n[5] + 'px;height:' + n[6] + 'px;font-size:' + n[7] +\n"
    "    'px;font-family:' + n[8] + (n[9] ? ';direction:rtl' : '');\n"
    "  d.textContent = n[1];\n"
    "  return d;\n"
    "}\n"
    "function show(name) {\n"
    "  const top = document.getElementById('top'), content = document.getElementById('content');\n"
    "  top.textContent = ''; content.textContent = '';\n"
    "  document.getElementById('bar').style.height = BAR_H + 'px';\n"
    "  document.getElementById('area').style.top = BAR_H + 'px';\n"
    "  let bottom = 0;\n"
    "  for (const n of S[name]) {\n"
    "    const inBar = n[4] < BAR_H;\n"
    "    (inBar ? top : content).appendChild(el(n, inBar));\n"
    "    bottom = Math.max(bottom, n[4] + n[6]);\n"
    "  }\n"
    "  content.style.height = (bottom - BAR_H + 18) + 'px';\n"
    "  document.getElementById('area').scrollTop = 0;\n"
    "}\n"
    "const say = (w) => console.log('md-ready ' + w);\n"
    "const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));\n"
    "async function scroll(name, n) {\n"
    "  show(name);\n"
    "  const area = document.getElementById('area');\n"
    "  const max = Math.max(1, area.scrollHeight - area.clientHeight);\n"
    "  const t = [];\n"
    "  let last = await frame();\n"
    "  for (let i = 0; i < n; i++) {\n"
    "    area.scrollTop = (i * 12) % max;\n"
    "    const now = await frame();\n"
    "    t.push(now - last);\n"
    "    last = now;\n"
    "  }\n"
    "  return t;\n"
    "}\n"
    "async function main() {\n"
    "  show(FIRST);\n"
    "  await frame(); await frame();\n"
    "  say('first-frame');\n"
    "  await document.fonts.ready; await frame(); await frame();\n"
    "  say('home');\n"
    "  const h = location.hash;\n"
    "  if (h === '#visit') {\n"
    "    for (const name of VISIT) {\n"
    "      show(name); await frame();\n"
    "      if (LONG.includes(name)) await scroll(name, 30);\n"
    "    }\n"
    "    await document.fonts.ready; await frame();\n"
    "    say('visited');\n"
    "    await new Promise((r) => setTimeout(r, 2000));\n"
    "    show(FIRST); await frame(); await frame();\n"
    "    say('left');\n"
    "  } else if (h.startsWith('#scroll=')) {\n"
    "    const t = await scroll(h.slice(8), 240);\n"
    "    t.sort((a, b) => a - b);\n"
    "    console.log('md-frames ' + t[t.length >> 1].toFixed(2) + ' ' +\n"
    "                t[Math.floor(t.length * 0.99)].toFixed(2));\n"
    "    say('scrolled');\n"
    "  }\n"
    "}\n"
    "main();\n"
    "</script></body></html>\n";

int main(int argc, char **argv)
{
    const char *fonts = NULL, *out_path = NULL;
    int first_screen = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--fonts") && i + 1 < argc)
            fonts = argv[++i];
        else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            out_path = argv[++i];
        else {
            first_screen = i;
            break;
        }
    }
    if (!fonts || !out_path || !first_screen) {
        fprintf(stderr, "usage: md-peer-page --fonts TABLE --out PAGE.html NAME=TREE.json...\n");
        return 2;
    }
    FILE *out = fopen(out_path, "w");
    if (!out) {
        fprintf(stderr, "md-peer-page: cannot write %s\n", out_path);
        return 1;
    }
    fputs(k_head, out);
    if (write_fonts(out, fonts) != 0)
        return 1;
    fputs(k_style, out);
    fputs("const S = {\n", out);
    int bar_h = 0;
    char first[128] = "", visit[16384] = "", longs[4096] = "";
    size_t n_visit = 0, n_longs = 0;
    for (int i = first_screen; i < argc; i++) {
        char name[128];
        const char *eq = strchr(argv[i], '=');
        if (!eq || eq == argv[i] || (size_t)(eq - argv[i]) >= sizeof name) {
            fprintf(stderr, "md-peer-page: %s: want NAME=TREE.json\n", argv[i]);
            return 2;
        }
        memcpy(name, argv[i], (size_t)(eq - argv[i]));
        name[eq - argv[i]] = '\0';
        json_error_t jerr;
        json_t *tree = json_load_file(eq + 1, 0, &jerr);
        if (!json_is_array(tree)) {
            fprintf(stderr, "%s:%d: %s\n", eq + 1, jerr.line, jerr.text);
            return 1;
        }
        fprintf(out, "\"%s\": [\n", name);
        size_t k;
        json_t *n;
        int bottom = 0;
        json_array_foreach(tree, k, n)
        {
            json_t *r = json_object_get(n, "rect");
            const char *role = json_string_value(json_object_get(n, "role"));
            const char *label = json_string_value(json_object_get(n, "label"));
            const char *lang = json_string_value(json_object_get(n, "lang"));
            int x = (int)json_integer_value(json_object_get(r, "x"));
            int y = (int)json_integer_value(json_object_get(r, "y"));
            int w = (int)json_integer_value(json_object_get(r, "w"));
            int h = (int)json_integer_value(json_object_get(r, "h"));
            int font_px = (int)json_integer_value(json_object_get(n, "font_px"));
            if (!role || !label || !label[0] || font_px <= 0)
                continue;
            if (!lang)
                lang = "en";
            if (y < 120 && y + h > bar_h - 18)
                bar_h = y + h + 18; /* the top bar holds the nodes at its top */
            char stack[128];
            font_stack(lang, stack, sizeof stack);
            int rtl = !strncmp(lang, "ur", 2) || !strncmp(lang, "ar", 2);
            fprintf(out, "[\"%s\",\"", role);
            put_escaped(out, label);
            fprintf(out, "\",\"%s\",%d,%d,%d,%d,%d,\"%s\",%d],\n", lang, x, y, w, h, font_px, stack,
                    rtl);
            bottom = y + h > bottom ? y + h : bottom;
        }
        fputs("],\n", out);
        json_decref(tree);
        if (!first[0])
            snprintf(first, sizeof first, "%s", name);
        n_visit += (size_t)snprintf(visit + n_visit, sizeof visit - n_visit, "%s\"%s\"",
                                    n_visit ? "," : "", name);
        if (bottom > 1200 && n_longs < sizeof longs - 200) /* longer than a screen: scrolled */
            n_longs += (size_t)snprintf(longs + n_longs, sizeof longs - n_longs, "%s\"%s\"",
                                        n_longs ? "," : "", name);
        if (n_visit >= sizeof visit - 200)
            break;
    }
    fprintf(out,
            "\"__bar_h\": %d};\nconst FIRST = \"%s\";\nconst VISIT = [%s];\n"
            "const LONG = [%s];\n",
            bar_h ? bar_h : 126, first, visit, longs);
    fputs(k_script, out);
    if (fclose(out) != 0) {
        fprintf(stderr, "md-peer-page: cannot write %s\n", out_path);
        return 1;
    }
    return 0;
}
