/* Health guide plugin driven through a fake host table: the screens it draws (as a transcript of
 * widget calls), taps by label, the virtual clock, the visitor's language, content that fails
 * validation, and the reset that must wipe every visitor choice. The real host's rendering is
 * covered by the scripted end-to-end runs under tests/health/. */
#include "../../plugins/health/clinics.c"
#include "../../plugins/health/content.c"
#include "../../plugins/health/hours.c"
#include "../../plugins/health/plugin.c"

#include <stdarg.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "i18n/i18n.h"

#define SAMPLE MD_DATA_DIR "/plugins/health/content"

/* --- the fake host --- */
static char g_log[8192];
static char g_out[65536]; /* this frame's widgets, one per line */
static char g_tap[512];   /* label to activate in the next frame */
static int g_tapped;
static const char *g_lang = "en";
static const char *g_dir = SAMPLE;
static int64_t g_now;
static int g_frames_requested;

static void emit(const char *fmt_, ...) __attribute__((format(printf, 1, 2)));
static void emit(const char *fmt_, ...)
{
    size_t n = strlen(g_out);
    va_list ap;
    va_start(ap, fmt_);
    vsnprintf(g_out + n, sizeof g_out - n, fmt_, ap);
    va_end(ap);
    n = strlen(g_out);
    if (n + 1 < sizeof g_out)
        g_out[n] = '\n', g_out[n + 1] = '\0';
}

static int activate(const char *label)
{
    if (g_tap[0] && strcmp(label, g_tap) == 0) {
        g_tap[0] = '\0';
        g_tapped = 1;
        return 1;
    }
    return 0;
}

static void f_log(md_plugin_ctx *ctx, md_log_level level, const char *fmt_, ...)
{
    size_t n = strlen(g_log);
    va_list ap;
    va_start(ap, fmt_);
    vsnprintf(g_log + n, sizeof g_log - n, fmt_, ap);
    va_end(ap);
    n = strlen(g_log);
    if (n + 1 < sizeof g_log)
        g_log[n] = '\n', g_log[n + 1] = '\0';
}
static md_i18n *g_i18n; /* when set, messages come from the real packs in locales/ */
static const char *f_lang(md_plugin_ctx *ctx)
{
    return g_lang;
}
static const char *f_tr(md_plugin_ctx *ctx, const char *msgid)
{
    return g_i18n ? md_i18n_tr(g_i18n, "kr.go.ansan.health", NULL, msgid) : msgid;
}
static const char *f_trc(md_plugin_ctx *ctx, const char *c, const char *msgid)
{
    return msgid;
}

static char g_ring[16][1024];
static int g_ring_i;
static char *ring(void)
{
    return g_ring[g_ring_i++ % 16];
}

/* Just enough MessageFormat: "{name}" and "{name, number}" replaced by the argument. */
static const char *f_format(md_plugin_ctx *ctx, const char *msgctxt, const char *msgid,
                            const md_arg *args, int n_args)
{
    char *out = ring();
    if (g_i18n) {
        const char *pattern = md_i18n_tr(g_i18n, "kr.go.ansan.health", msgctxt, msgid);
        if (md_i18n_format(g_i18n, g_lang, pattern, args, n_args, out, 1024) < 0)
            emit("FORMAT ERROR %s", msgid);
        return out;
    }
    size_t o = 0;
    for (const char *p = msgid; *p && o + 1 < 1024;) {
        if (*p == '{') {
            size_t k = strcspn(p + 1, ",}");
            const char *close = strchr(p, '}');
            for (int i = 0; i < n_args && close; i++)
                if (strlen(args[i].name) == k && strncmp(args[i].name, p + 1, k) == 0) {
                    if (args[i].type == MD_ARG_STRING)
                        o += (size_t)snprintf(out + o, 1024 - o, "%s", args[i].v.s);
                    else
                        o += (size_t)snprintf(out + o, 1024 - o, "%lld", (long long)args[i].v.i);
                }
            p = close ? close + 1 : p + strlen(p);
            continue;
        }
        out[o++] = *p++;
    }
    out[o < 1024 ? o : 1023] = '\0';
    return out;
}

static const char *f_pick(md_plugin_ctx *ctx, const char *const *langs, const char *const *texts,
                          int n)
{
    const md_lang_info *info = g_i18n ? md_i18n_find(g_i18n, g_lang) : NULL;
    for (int f = 0; info && info->fallbacks[f]; f++)
        for (int i = 0; i < n; i++)
            if (strcmp(langs[i], info->fallbacks[f]) == 0)
                return texts[i];
    for (int i = 0; i < n; i++)
        if (strcmp(langs[i], g_lang) == 0)
            return texts[i];
    for (int i = 0; i < n; i++)
        if (strcmp(langs[i], "en") == 0)
            return texts[i];
    return NULL;
}
static const char *f_number(md_plugin_ctx *ctx, double v, int digits)
{
    char *out = ring();
    snprintf(out, 1024, "%.*f", digits, v);
    return out;
}
static const char *f_krw(md_plugin_ctx *ctx, int64_t won)
{
    return "₩";
}
static const char *f_date(md_plugin_ctx *ctx, int64_t ms, const char *skeleton, const char *tz)
{
    static const char *const days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                       "Thursday", "Friday", "Saturday"};
    time_t t = (time_t)(ms / 1000) + 9 * 3600; /* Seoul */
    struct tm tm;
    gmtime_r(&t, &tm);
    char *out = ring();
    if (strcmp(skeleton, "EEEE") == 0)
        snprintf(out, 1024, "%s", days[tm.tm_wday]);
    else if (strcmp(skeleton, "EEEjm") == 0)
        snprintf(out, 1024, "%.3s %02d:%02d", days[tm.tm_wday], tm.tm_hour, tm.tm_min);
    else
        snprintf(out, 1024, "%02d:%02d", tm.tm_hour, tm.tm_min);
    return out;
}
static const char *f_content_dir(md_plugin_ctx *ctx)
{
    return g_dir;
}
static const char *f_storage_dir(md_plugin_ctx *ctx)
{
    return "/nonexistent";
}
static const char *f_config(md_plugin_ctx *ctx, const char *key)
{
    if (strcmp(key, "latitude") == 0)
        return "37.32980";
    if (strcmp(key, "longitude") == 0)
        return "126.79050";
    return NULL;
}
static int64_t f_now(md_plugin_ctx *ctx)
{
    return g_now;
}
static uint64_t f_mono(md_plugin_ctx *ctx)
{
    return 0;
}
static void f_heading(md_plugin_ctx *ctx, const char *t)
{
    emit("heading: %s", t);
}
static void f_text(md_plugin_ctx *ctx, const char *t, md_text_role r)
{
    emit("text%d: %s", r, t);
}
static void f_text_lang(md_plugin_ctx *ctx, const char *t, const char *lang, md_text_role r)
{
    emit("text%d[%s]: %s", r, lang, t);
}
static int f_button(md_plugin_ctx *ctx, const char *l, md_ui_tone tone)
{
    emit("button%d: %s", tone, l);
    return activate(l);
}
static int f_tile(md_plugin_ctx *ctx, const char *l, const char *icon, md_ui_tone tone)
{
    emit("tile%d: %s (%s)", tone, l, icon ? icon : "-");
    if (icon) { /* every icon the plugin names exists in the content */
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", g_dir, icon);
        if (access(path, R_OK) != 0)
            emit("MISSING ICON %s", icon);
    }
    return activate(l);
}
static void f_cols_begin(md_plugin_ctx *ctx, int n)
{
    emit("columns %d", n);
}
static void f_cols_end(md_plugin_ctx *ctx)
{
    emit("end columns");
}
static int f_item(md_plugin_ctx *ctx, const char *p, const char *s)
{
    emit("item: %s | %s", p, s ? s : "");
    return activate(p);
}
static void f_image(md_plugin_ctx *ctx, const char *path, int mm)
{
    emit("image: %s", path);
}
static void f_qr(md_plugin_ctx *ctx, const char *data, int mm, const char *caption)
{
    emit("qr: %s | %s", data, caption ? caption : "");
}
static int f_keypad(md_plugin_ctx *ctx, const char *l, char *buf, size_t cap)
{
    return 0;
}
static void f_dlg_begin(md_plugin_ctx *ctx, const char *t)
{
}
static void f_dlg_end(md_plugin_ctx *ctx)
{
}
static void f_busy(md_plugin_ctx *ctx, const char *l)
{
}
static void f_space(md_plugin_ctx *ctx, int mm)
{
}
static void f_request(md_plugin_ctx *ctx)
{
    g_frames_requested++;
}
static void f_go_home(md_plugin_ctx *ctx)
{
}
static void f_notice(md_plugin_ctx *ctx, const char *t, md_ui_tone tone)
{
    emit("notice%d: %s", tone, t);
}

static const md_host g_host = {
    .struct_size = sizeof(md_host),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = MD_PLUGIN_ABI_MINOR,
    .log = f_log,
    .lang = f_lang,
    .tr = f_tr,
    .trc = f_trc,
    .format = f_format,
    .pick = f_pick,
    .format_number = f_number,
    .format_krw = f_krw,
    .format_date = f_date,
    .content_dir = f_content_dir,
    .storage_dir = f_storage_dir,
    .config = f_config,
    .now_unix_ms = f_now,
    .monotonic_ms = f_mono,
    .ui_heading = f_heading,
    .ui_text = f_text,
    .ui_text_lang = f_text_lang,
    .ui_button = f_button,
    .ui_tile = f_tile,
    .ui_columns_begin = f_cols_begin,
    .ui_columns_end = f_cols_end,
    .ui_list_item = f_item,
    .ui_image = f_image,
    .ui_qr = f_qr,
    .ui_keypad = f_keypad,
    .ui_dialog_begin = f_dlg_begin,
    .ui_dialog_end = f_dlg_end,
    .ui_busy = f_busy,
    .ui_space = f_space,
    .ui_request_frame = f_request,
    .go_home = f_go_home,
    .ui_notice = f_notice,
};

/* --- driving --- */
static const md_plugin_desc *g_desc;
static void *g_state;

static int64_t kst(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {
        .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
    return ((int64_t)timegm(&tm) - 9 * 3600) * 1000;
}

static void frame(void)
{
    g_out[0] = '\0';
    g_desc->frame(g_state);
}

/* Taps the widget labelled `label` in the current screen, then draws the next screen. */
static void tap(const char *label)
{
    snprintf(g_tap, sizeof g_tap, "%s", label);
    g_tapped = 0;
    frame();
    if (!g_tapped) {
        fprintf(stderr, "  FAIL: nothing labelled \"%s\" on screen:\n%s", label, g_out);
        check_case_failed_ = 1;
    }
    g_tap[0] = '\0';
    frame();
}

#define SHOWS(s)                                                                                   \
    do {                                                                                           \
        if (!strstr(g_out, (s))) {                                                                 \
            fprintf(stderr, "  FAIL %s:%d: screen lacks \"%s\":\n%s", __FILE__, __LINE__, (s),     \
                    g_out);                                                                        \
            check_case_failed_ = 1;                                                                \
        }                                                                                          \
    } while (0)
#define LACKS(s)                                                                                   \
    do {                                                                                           \
        if (strstr(g_out, (s))) {                                                                  \
            fprintf(stderr, "  FAIL %s:%d: screen shows \"%s\"\n", __FILE__, __LINE__, (s));       \
            check_case_failed_ = 1;                                                                \
        }                                                                                          \
    } while (0)

static void start(const char *lang)
{
    g_lang = lang;
    g_dir = SAMPLE;
    g_log[0] = '\0';
    g_now = kst(2026, 11, 23, 10, 30); /* Monday morning */
    g_desc = madang_plugin_entry();
    CHECK_INT(g_desc->init((md_plugin_ctx *)&g_host, &g_host, &g_state), 0);
    g_desc->enter(g_state);
    frame();
}

static void stop(void)
{
    g_desc->shutdown(g_state);
    g_state = NULL;
}

static void test_descriptor(void)
{
    const md_plugin_desc *d = madang_plugin_entry();
    CHECK_INT(d->struct_size, sizeof(md_plugin_desc));
    CHECK_INT(d->abi_major, MD_PLUGIN_ABI_MAJOR);
    CHECK_STR(d->id, "kr.go.ansan.health");
    CHECK_STR(d->title, "Health guide");
    CHECK(d->init && d->enter && d->frame && d->content_updated && d->reset && d->shutdown);
}

static void test_symptom_to_open_clinic(void)
{
    start("en");
    SHOWS("button2: Emergency: call 119");
    SHOWS("Sample data");
    LACKS("MISSING ICON");
    tap("Where does it hurt?");
    tap("An adult");
    LACKS("MISSING ICON");
    tap("Stomach");
    tap("Stomach ache");
    SHOWS("text2: See a doctor within a day or two.");
    SHOWS("text3: Go to: Internal medicine");
    SHOWS("text2[ko]: 내과");
    tap("Show clinics");
    SHOWS("heading: Clinics: Internal medicine");
    /* Monday 10:30: the late-night clinic is nearer but closed, so only open ones show. */
    LACKS("Late-Night");
    SHOWS("item: Wongok Hana Internal Medicine Clinic · 원곡하나내과의원 | Open now · closes at "
          "13:00 · 150 m away");
    tap("Show closed clinics too");
    SHOWS("item: Wongok Late-Night Clinic · 원곡심야의원 | Closed · opens at 18:00 · 90 m away");
    /* The late-night clinic is the nearest, so it comes first. */
    CHECK(strstr(g_out, "Late-Night") < strstr(g_out, "Hana Internal"));
    tap("Wongok Hana Internal Medicine Clinic · 원곡하나내과의원");
    SHOWS("heading: Wongok Hana Internal Medicine Clinic");
    SHOWS("text2[ko]: 원곡하나내과의원");
    SHOWS("text2[ko]: 경기도 안산시 단원구 원곡로 101, 2층");
    SHOWS("text3: Phone: \u2066031-000-1101\u2069");
    SHOWS("qr: https://map.kakao.com/link/map/%EC%9B%90");
    SHOWS("Languages spoken: Korean, English, and Chinese (Simplified)");
    SHOWS("Accepts patients without health insurance.");
    SHOWS("text0: Monday: 09:00–13:00, 14:00–18:30");
    SHOWS("text0: Sunday: Closed");
    SHOWS("text0: Public holidays: Closed");
    tap("Back");
    SHOWS("heading: Clinics: Internal medicine");
    stop();
}

static void test_child_goes_to_paediatrics(void)
{
    start("en");
    g_now = kst(2026, 11, 22, 10, 30); /* Sunday */
    tap("Where does it hurt?");
    tap("A child");
    LACKS("Pregnancy"); /* adult-only area */
    tap("Fever and cold");
    SHOWS("tile2: High fever in a baby under 3 months");
    LACKS("Racing heartbeat");
    tap("Fever");
    SHOWS("Go to: Children's doctor (paediatrics)");
    tap("Show clinics");
    SHOWS("item: Damunhwa Children's Clinic · 다문화소아청소년과의원 | Open now · closes at 13:00");
    LACKS("Hana Internal");
    stop();
}

static void test_red_flag_to_emergency(void)
{
    start("vi");
    g_now = kst(2026, 11, 22, 3, 0);
    tap("Where does it hurt?");
    tap("An adult"); /* the fake host does not translate messages; content texts are Vietnamese */
    tap("Ngực, hô hấp");
    SHOWS("tile2: Đau ngực");
    tap("Đau ngực");
    SHOWS("notice2: Call 119 now.");
    SHOWS("text2: Đau ngực");
    SHOWS("text2[ko]: 응급 상황입니다.");
    SHOWS("text1: Đây là trường hợp khẩn cấp.");
    SHOWS("text3: Nearest emergency room");
    SHOWS("text0: Ansan Hanbit Hospital Emergency Room");
    SHOWS("text2[ko]: 경기도 안산시 단원구 적금로 200");
    SHOWS("qr: https://map.kakao.com/link/map/");
    SHOWS("Open 24 hours");
    SHOWS("This is guidance, not a diagnosis.");
    /* The emergency tile on the first screen goes to the same place. */
    g_desc->reset(g_state);
    frame();
    tap("Emergency: call 119");
    SHOWS("notice2: Call 119 now.");
    SHOWS("Nearest emergency room");
    stop();
}

static void test_language_filter(void)
{
    start("ne");
    tap("Find a clinic");
    tap("All clinics");
    SHOWS("button0: Only clinics that speak नेपाली");
    tap("Only clinics that speak नेपाली");
    SHOWS("Wongok Bright ENT Clinic");
    SHOWS("Wongok Free Clinic for Migrant Workers");
    LACKS("Hana Internal");
    tap("Show clinics in any language");
    SHOWS("Hana Internal");
    stop();
}

/* labels: headache, yesterday, allergic to a medicine, not pregnant (content texts) */
static void build_card(const char *const labels[4])
{
    char selected[256];
    tap("Card for the doctor");
    tap(labels[0]);
    snprintf(selected, sizeof selected, "item: %s | Selected", labels[0]);
    SHOWS(selected);
    tap("Next");
    tap(labels[1]);
    tap(labels[2]);
    tap("Skip this question");
    tap(labels[3]);
}

static const char *const card_en[4] = {"Headache", "Yesterday", "Allergic to a medicine",
                                       "Not pregnant"};
static const char *const card_km[4] = {"ឈឺក្បាល", "ម្សិលមិញ", "អាឡែស៊ីថ្នាំ", "មិនមានផ្ទៃពោះ"};

static void test_card_for_the_doctor(void)
{
    start("en");
    build_card(card_en);
    SHOWS("heading: Show this card to the doctor, or take a photo of it.");
    SHOWS("text2[ko]: 안녕하세요. 저는 한국어를 잘 못해요.");
    SHOWS("text2[ko]: 머리가 아파요.\ntext1: I have a headache.");
    SHOWS("text2[ko]: 어제부터 아팠어요.\ntext1: It started yesterday.");
    SHOWS("text2[ko]: 약 알레르기가 있어요 (예: 페니실린).");
    SHOWS("text2[ko]: 임신 중이 아니에요.");
    LACKS("먹고 있는 약은 없어요"); /* skipped question: no sentence */
    stop();
    /* In Khmer the small line is Khmer. */
    start("km");
    build_card(card_km);
    SHOWS("text2[ko]: 머리가 아파요.\ntext1: ខ្ញុំឈឺក្បាល។");
    stop();
}

static void test_reset_wipes_the_visitor(void)
{
    start("en");
    build_card(card_en);
    health *h = g_state;
    CHECK(card_has_symptoms(h));
    g_desc->reset(g_state);
    /* Every visitor field is back to its zero state. */
    session blank;
    memset(&blank, 0, sizeof blank);
    blank.area = blank.symptom = blank.dept = blank.clinic = -1;
    blank.nav[0] = SCR_HOME;
    blank.depth = 1;
    CHECK(memcmp(&h->s, &blank, sizeof blank) == 0);
    frame();
    SHOWS("tile0: Card for the doctor");
    tap("Card for the doctor");
    LACKS("Selected");
    LACKS("Next");
    stop();
}

static int copy_file(const char *from, const char *to, const char *replace, const char *with)
{
    char err[256];
    char *dir = strdup(from);
    char *slash = strrchr(dir, '/');
    *slash = '\0';
    char *t = read_text(dir, slash + 1, err, sizeof err);
    free(dir);
    if (!t)
        return -1;
    FILE *f = fopen(to, "wb");
    char *at = replace ? strstr(t, replace) : NULL;
    if (at) {
        fwrite(t, 1, (size_t)(at - t), f);
        fputs(with, f);
        fputs(at + strlen(replace), f);
    } else {
        fputs(t, f);
    }
    fclose(f);
    free(t);
    return 0;
}

static void make_content(const char *dir, const char *file, const char *replace, const char *with)
{
    static const char *const names[] = {"health.json", "symptoms.json", "clinics.json",
                                        "help.json"};
    for (int i = 0; i < 4; i++) {
        char a[512], b[512];
        snprintf(a, sizeof a, "%s/%s", SAMPLE, names[i]);
        snprintf(b, sizeof b, "%s/%s", dir, names[i]);
        copy_file(a, b, strcmp(names[i], file) == 0 ? replace : NULL, with);
    }
}

static void test_broken_content_keeps_the_last_good(void)
{
    char dir[] = "/tmp/md-health-test-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    make_content(dir, "clinics.json", "\"14:00-18:30\"", "\"14:00-18:30\", \"17:00-19:00\"");
    start("en");
    tap("Find a clinic");
    g_dir = dir;
    g_log[0] = '\0';
    g_desc->content_updated(g_state);
    if (!strstr(g_log, "HEALTH: content refused: clinics.json: clinics[0].hours.mon[2]: "
                       "\"17:00-19:00\" starts before the previous range ends") ||
        !strstr(g_log, "keeping the previous content")) {
        fprintf(stderr, "  FAIL: log was:\n%s", g_log);
        check_case_failed_ = 1;
    }
    frame(); /* the visitor is not disturbed */
    SHOWS("heading: Which kind of clinic?");
    g_desc->reset(g_state);
    frame();
    SHOWS("tile1: Where does it hurt?");
    tap("Find a clinic");
    tap("All clinics");
    SHOWS("Hana Internal");
    stop();

    /* A good update waits until the visitor leaves, then replaces the content. */
    make_content(dir, "clinics.json", "Wongok Hana Internal Medicine Clinic", "Hana Clinic NEW");
    start("en");
    tap("Find a clinic");
    tap("All clinics");
    g_dir = dir;
    g_desc->content_updated(g_state);
    frame();
    SHOWS("Hana Internal");
    g_desc->reset(g_state);
    tap("Find a clinic");
    tap("All clinics");
    SHOWS("Hana Clinic NEW");
    stop();
    static const char *const names[] = {"health.json", "symptoms.json", "clinics.json",
                                        "help.json"};
    for (int i = 0; i < 4; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void test_no_content_is_not_a_crash(void)
{
    g_dir = "/nonexistent/health";
    g_log[0] = '\0';
    g_desc = madang_plugin_entry();
    g_lang = "ur";
    CHECK_INT(g_desc->init((md_plugin_ctx *)&g_host, &g_host, &g_state), 0);
    CHECK(strstr(g_log, "HEALTH: content refused: health.json: cannot open") != NULL);
    g_desc->enter(g_state);
    frame();
    SHOWS("The health guide is not available right now.");
    g_desc->reset(g_state);
    frame();
    /* Content arrives: used at once, since nothing was shown. */
    g_dir = SAMPLE;
    g_desc->content_updated(g_state);
    frame();
    SHOWS("tile1: Where does it hurt?");
    stop();
}

static void test_help_screen(void)
{
    start("ur");
    tap("Help and phone numbers");
    SHOWS("item: \u2066119\u2069 · ایمرجنسی (ایمبولینس، آگ) | 24 گھنٹے، مفت۔");
    SHOWS("item: \u20661345\u2069 · امیگریشن رابطہ مرکز");
    SHOWS("item: \u20661577-1366\u2069 · کثیر الثقافتی خاندانوں کی ہیلپ لائن");
    SHOWS("text3: غیر ملکیوں کے لیے ہیلتھ انشورنس");
    SHOWS("Texts in your language were machine-translated");
    stop();
}

/* With the real packs: translated labels, MessageFormat arguments filled in by ICU in each of the
 * four languages of the end-to-end runs. */
static void test_with_the_real_packs(void)
{
    g_i18n = md_i18n_create(MD_DATA_DIR "/locales");
    CHECK(g_i18n != NULL);
    if (!g_i18n)
        return;
    const struct {
        const char *lang, *where, *adult, *area, *symptom, *goto_line, *show;
    } runs[] = {
        {"vi", "Bạn đau ở đâu?", "Người lớn", "Bụng", "Đau bụng", "Nên đến: Nội khoa",
         "Xem phòng khám"},
        {"ne", "कहाँ दुख्छ?", "वयस्क", "पेट", "पेट दुखाइ", "जानुहोस्: आन्तरिक चिकित्सा", "क्लिनिकहरू हेर्नुहोस्"},
        {"ur", "کہاں درد ہے؟", "بالغ", "پیٹ", "پیٹ میں درد", "جائیں: داخلی امراض", "کلینک دکھائیں"},
        {"km", "ឈឺនៅកន្លែងណា?", "មនុស្សពេញវ័យ", "ពោះ", "ឈឺពោះ", "ទៅកាន់៖ វេជ្ជសាស្ត្រទូទៅ", "បង្ហាញគ្លីនិក"},
    };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        CHECK_INT(md_i18n_set_language(g_i18n, runs[i].lang), 0);
        start(runs[i].lang);
        tap(runs[i].where);
        tap(runs[i].adult);
        tap(runs[i].area);
        tap(runs[i].symptom);
        SHOWS(runs[i].goto_line);
        tap(runs[i].show);
        LACKS("FORMAT ERROR");
        SHOWS("원곡하나내과의원");
        stop();
    }
    md_i18n_destroy(g_i18n);
    g_i18n = NULL;
}

int main(void)
{
    RUN(test_descriptor);
    RUN(test_symptom_to_open_clinic);
    RUN(test_child_goes_to_paediatrics);
    RUN(test_red_flag_to_emergency);
    RUN(test_language_filter);
    RUN(test_card_for_the_doctor);
    RUN(test_reset_wipes_the_visitor);
    RUN(test_broken_content_keeps_the_last_good);
    RUN(test_no_content_is_not_a_crash);
    RUN(test_help_screen);
    RUN(test_with_the_real_packs);
    return check_summary();
}
