/* Headless test scripts: one command per line, '#' comments (docs/ARCHITECTURE.md, "Testing").
 *   size WxH | lang CODE | tap "label" | tap X Y | drag X1 Y1 X2 Y2 MS | key NAME | wait MS
 *   expect "label" | expect-not "label" | screen NAME | shot NAME | tree NAME
 *   quiet MS MAX  (waits MS and fails if more than MAX frames were built: nothing redraws when
 *                  nothing changed)
 *   clock YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)  (sets the virtual wall clock plugins read with
 *                  now_unix_ms; the monotonic clock and its timers are not moved)
 *   wait-file NAME (waits in real time, at most 60 s, until OUT/NAME exists: a test driver edits
 *                  files such as locale packs at that point, then creates NAME)
 * The parser is separate from the runner so it can be unit-tested and fuzzed.
 */
#ifndef MD_SCRIPT_H
#define MD_SCRIPT_H

#include <stddef.h>

typedef enum md_script_op {
    MD_SCRIPT_NONE = 0,
    MD_SCRIPT_SIZE,       /* w, h */
    MD_SCRIPT_LANG,       /* arg = code */
    MD_SCRIPT_TAP_LABEL,  /* arg = label */
    MD_SCRIPT_TAP_XY,     /* x, y */
    MD_SCRIPT_DRAG,       /* x, y -> x2, y2 over ms */
    MD_SCRIPT_KEY,        /* arg = key name with modifiers, e.g. "alt+F4" */
    MD_SCRIPT_WAIT,       /* ms */
    MD_SCRIPT_EXPECT,     /* arg = label */
    MD_SCRIPT_EXPECT_NOT, /* arg = label */
    MD_SCRIPT_SCREEN,     /* arg = attract | languages | home | idle-warning | plugin:<id> */
    MD_SCRIPT_SHOT,       /* arg = file name without .png */
    MD_SCRIPT_TREE,       /* arg = file name without .json */
    MD_SCRIPT_QUIET,      /* ms, max_frames */
    MD_SCRIPT_CLOCK,      /* when_ms = the wall-clock time to set, ms since the Unix epoch */
    MD_SCRIPT_WAIT_FILE,  /* arg = file name in the output directory */
    MD_SCRIPT_DRAW        /* no argument: draw the frame as the window would, write nothing */
} md_script_op;

typedef struct md_script_cmd {
    md_script_op op;
    int line;
    char *arg;
    int x, y;       /* tap X Y; where a drag starts */
    int x2, y2;     /* where a drag ends */
    int w, h;       /* size WxH */
    int ms;         /* wait, quiet: virtual time to let pass; drag: its duration */
    int max_frames; /* quiet: the most frames that may be built meanwhile */
    long long when_ms;
} md_script_cmd;

typedef struct md_script {
    char *name;
    md_script_cmd *cmds;
    int n;
} md_script;

/* Parses text. Returns 0, or -1 with "NAME:LINE: reason" in err (and nothing to free). */
int md_script_parse(const char *text, const char *name, md_script *out, char *err, size_t err_cap);
void md_script_free(md_script *script);
const char *md_script_op_name(md_script_op op);

#endif /* MD_SCRIPT_H */
