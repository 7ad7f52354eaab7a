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

/* --- the fake host (tests/lib/fake_host.[ch], shipped for plugin authors) --- */
#include "../lib/fake_host.c"

static md_fake_host g_fh;
static md_i18n *g_i18n; /* when set, messages come from the real packs in locales/ */
#define g_out g_fh.out
#define g_log g_fh.log
#define g_lang g_fh.lang
#define g_dir g_fh.content_dir
#define g_now g_fh.now_unix_ms

static const char *hook_tr(void *user, const char *msgctxt, const char *msgid)
{
    return g_i18n ? md_i18n_tr(g_i18n, "kr.go.ansan.health", msgctxt, msgid) : NULL;
}
static int hook_format(void *user, const char *pattern, const md_arg *args, int n, char *out,
                       size_t cap)
{
    if (!g_i18n)
        return -1;
    return md_i18n_format(g_i18n, g_lang, pattern, args, n, out, cap);
}
static const char *const *hook_fallbacks(void *user, const char *lang)
{
    const md_lang_info *info = g_i18n ? md_i18n_find(g_i18n, lang) : NULL;
    return info ? info->fallbacks : NULL;
}
/* Lists and language names through the runtime's ICU formatters, as the real host does. */
static int hook_list(void *user, const char *const *items, int n, char *out, size_t cap)
{
    return md_i18n_format_list(g_lang, items, n, out, cap);
}
static int hook_language_name(void *user, const char *code, const char *in_lang, char *out,
                              size_t cap)
{
    return md_i18n_language_name(code, in_lang, out, cap);
}

static const char *const k_config[] = {"latitude", "37.32980", "longitude", "126.79050", NULL};

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
    md_fake_host_frame(&g_fh, g_desc, g_state);
}

/* Taps the widget labelled `label` in the current screen, then draws the next screen. */
static void tap(const char *label)
{
    if (!md_fake_host_tap(&g_fh, g_desc, g_state, label)) {
        fprintf(stderr, "  FAIL: nothing labelled \"%s\" on screen:\n%s", label, g_out);
        check_case_failed_ = 1;
    }
}

/* A fresh fake host: every field of the newest table, the kiosk in Wongok-dong. */
static void fake_host_fresh(const char *lang, const char *dir)
{
    md_fake_host_init(&g_fh);
    g_fh.hooks.tr = hook_tr;
    g_fh.hooks.format = g_i18n ? hook_format : NULL;
    g_fh.hooks.fallbacks = hook_fallbacks;
    g_fh.hooks.format_list = hook_list;
    g_fh.hooks.language_name = hook_language_name;
    g_fh.config = k_config;
    g_lang = lang;
    g_dir = dir;
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
    fake_host_fresh(lang, SAMPLE);
    g_now = kst(2026, 11, 23, 10, 30); /* Monday morning */
    g_desc = madang_plugin_entry();
    CHECK_INT(g_desc->init(md_fake_host_ctx(&g_fh), &g_fh.table, &g_state), 0);
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
    SHOWS("text0: Monday: 09:00–13:00 and 14:00–18:30"); /* the host's range and list formats */
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
    tap("1 to 6 years");
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
    SHOWS("text0: Đây là trường hợp khẩn cấp."); /* body size, not small */
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
    SHOWS("text2[ko]: 머리가 아파요.\ntext0: I have a headache.");
    SHOWS("text2[ko]: 어제부터 아팠어요.\ntext0: It started yesterday.");
    SHOWS("text2[ko]: 약 알레르기가 있어요 (예: 페니실린).");
    SHOWS("text2[ko]: 임신 중이 아니에요.");
    LACKS("먹고 있는 약은 없어요"); /* skipped question: no sentence */
    stop();
    /* In Khmer the small line is Khmer. */
    start("km");
    build_card(card_km);
    SHOWS("text2[ko]: 머리가 아파요.\ntext0: ខ្ញុំឈឺក្បាល។");
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

/* validate: the same strict checks, without a host or state (madang-pack, a synced release). */
static void test_validate_without_a_kiosk(void)
{
    const md_plugin_desc *d = madang_plugin_entry();
    CHECK(MD_DESC_HAS(d, validate) && d->validate);
    char err[512] = "";
    CHECK_INT(d->validate(SAMPLE, err, sizeof err), 0);
    char dir[] = "/tmp/md-health-validate-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    make_content(dir, "clinics.json", "\"14:00-18:30\"", "\"14:00-18:30\", \"17:00-19:00\"");
    CHECK_INT(d->validate(dir, err, sizeof err), -1);
    CHECK(strstr(err, "clinics.json: clinics[0].hours.mon[2]") != NULL);
    CHECK_INT(d->validate("/nonexistent/md-health", err, sizeof err), -1);
    static const char *const names[] = {"health.json", "symptoms.json", "clinics.json",
                                        "help.json"};
    char path[600];
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

static void test_no_content_is_not_a_crash(void)
{
    fake_host_fresh("ur", "/nonexistent/health");
    g_desc = madang_plugin_entry();
    CHECK_INT(g_desc->init(md_fake_host_ctx(&g_fh), &g_fh.table, &g_state), 0);
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

/* Issue 9, item 2: a symptom picked earlier in the visit never shows on the emergency path. */
static void test_emergency_shows_no_stale_symptom(void)
{
    start("en");
    tap("Where does it hurt?");
    tap("An adult");
    tap("Stomach");
    tap("Stomach ache");
    SHOWS("See a doctor within a day or two.");
    g_desc->enter(g_state); /* Home, then Health guide again */
    frame();
    tap("Emergency: call 119");
    SHOWS("notice2: Call 119 now.");
    LACKS("Stomach ache");
    stop();
}

/* Issue 9, item 5: a card made for a child says so, with the age group, in Korean and below. */
static void test_card_for_a_child(void)
{
    start("en");
    tap("Where does it hurt?");
    tap("A child");
    SHOWS("heading: How old is the child?");
    tap("Under 3 months");
    tap("Fever and cold");
    tap("Fever");
    tap("Make a card for the doctor");
    tap("Next");
    for (int q = 0; q < MD_HEALTH_N_QUESTIONS; q++)
        tap("Skip this question");
    SHOWS("text2[ko]: 제 아이에 관한 카드예요 (나이: 생후 3개월 미만).");
    SHOWS("text0: This card is about my child (age: Under 3 months).");
    /* The child line comes before the first-person symptom sentences. */
    CHECK(strstr(g_out, "제 아이에 관한") && strstr(g_out, "열이 나요") &&
          strstr(g_out, "제 아이에 관한") < strstr(g_out, "열이 나요"));
    stop();
    /* An adult's card does not say it. */
    start("en");
    build_card(card_en);
    LACKS("my child");
    LACKS("제 아이");
    stop();
}

/* Issue 9, items 8 and 9: without content the guide still offers the Korean sentence for 119,
 * the built-in help lines (each opens large with a tel: QR code) and Back. */
static void test_no_content_is_not_a_dead_end(void)
{
    fake_host_fresh("vi", "/nonexistent/health");
    g_desc = madang_plugin_entry();
    CHECK_INT(g_desc->init(md_fake_host_ctx(&g_fh), &g_fh.table, &g_state), 0);
    g_desc->enter(g_state);
    frame();
    SHOWS("The health guide is not available right now.");
    SHOWS("text2[ko]: 응급 상황입니다. 도와주세요.");
    SHOWS("item: \u2066119\u2069 · Emergency (ambulance, fire)");
    SHOWS("item: \u20661345\u2069 · Immigration Contact Center");
    SHOWS("button0: Back");
    tap("1345 · Immigration Contact Center"); /* matched ignoring the bidi isolates */
    SHOWS("text2: \u20661345\u2069");
    SHOWS("qr: tel:1345 | Scan to call this number from your phone");
    tap("Back");
    SHOWS("The health guide is not available right now.");
    int before = g_fh.go_home_calls;
    tap("Back");
    CHECK_INT(g_fh.go_home_calls, before + 1);
    stop();
}

static void test_help_lines_open_large(void)
{
    start("en");
    tap("Help and phone numbers");
    tap("\u20661577-1366\u2069 · Danuri helpline for multicultural families");
    SHOWS("text2: \u20661577-1366\u2069");
    SHOWS("qr: tel:15771366 | Scan to call this number from your phone");
    tap("Back");
    SHOWS("heading: Help and phone numbers");
    stop();
}

/* Issue 9, item 14: the guide needs only a 1.0 host (abi_minor 0) and falls back where the host
 * lacks a newer field: on a 1.0 table the emergency screen has a heading instead of the red band,
 * hours and language lists come from the plugin's own formatting. */
static void test_older_host_tables(void)
{
    CHECK_INT(madang_plugin_entry()->abi_minor, 0);
    start("en");
    stop();
    fake_host_fresh("en", SAMPLE);
    g_fh.table.struct_size = (uint32_t)offsetof(md_host, ui_notice); /* a 1.0 host */
    g_fh.table.abi_minor = 0;
    g_now = kst(2026, 11, 23, 10, 30);
    g_desc = madang_plugin_entry();
    CHECK_INT(g_desc->init(md_fake_host_ctx(&g_fh), &g_fh.table, &g_state), 0);
    g_desc->enter(g_state);
    frame();
    tap("Emergency: call 119");
    SHOWS("heading: Call 119 now.");
    LACKS("notice");
    g_desc->reset(g_state);
    frame();
    tap("Find a clinic");
    tap("All clinics");
    tap("Wongok Hana Internal Medicine Clinic · 원곡하나내과의원");
    SHOWS("text0: Monday: \u206609:00–13:00\u2069, \u206614:00–18:30\u2069");
    SHOWS("Languages spoken: Korean, English, and Chinese (Simplified)");
    stop();
    /* A 1.1 host: the red band, but the plugin's own hours. */
    fake_host_fresh("en", SAMPLE);
    g_fh.table.struct_size = (uint32_t)offsetof(md_host, format_list);
    g_desc = madang_plugin_entry();
    CHECK_INT(g_desc->init(md_fake_host_ctx(&g_fh), &g_fh.table, &g_state), 0);
    g_desc->enter(g_state);
    frame();
    tap("Emergency: call 119");
    SHOWS("notice2: Call 119 now.");
    stop();
}

/* Issue 9, item 10: the clinic's languages through the host's list formatter in Nepali. */
static void test_nepali_language_list(void)
{
    start("ne");
    tap("Find a clinic");
    tap("All clinics");
    tap("Wongok Bright ENT Clinic · 원곡밝은이비인후과의원");
    SHOWS("Languages spoken: कोरियाली, अङ्ग्रेजी, नेपाली र बंगाली"); /* a space after each comma */
    stop();
}

/* Issue 9, item 11: content in the visitor's language. A Korean visitor sees the clinics' Korean
 * names (once, not "name · name"); other visitors see the names drafted through the same PO packs
 * as the UI (context "content"), not English. */
static void test_content_names_in_the_visitors_language(void)
{
    g_i18n = md_i18n_create(MD_DATA_DIR "/locales");
    CHECK(g_i18n != NULL);
    if (!g_i18n)
        return;
    CHECK_INT(md_i18n_set_language(g_i18n, "ko"), 0);
    start("ko");
    tap("병원 찾기");
    tap("모든 병원");
    SHOWS("item: 원곡하나내과의원 |");
    LACKS("Wongok Hana Internal Medicine Clinic");
    tap("원곡하나내과의원");
    SHOWS("heading: 원곡하나내과의원");
    stop();
    CHECK_INT(md_i18n_set_language(g_i18n, "vi"), 0);
    start("vi");
    tap("Tìm phòng khám");
    tap("Tất cả phòng khám");
    SHOWS("item: Phòng khám Nội khoa Wongok Hana · 원곡하나내과의원");
    tap("Phòng khám Nội khoa Wongok Hana · 원곡하나내과의원");
    SHOWS("heading: Phòng khám Nội khoa Wongok Hana");
    LACKS("Wongok Hana Internal Medicine Clinic");
    stop();
    md_i18n_destroy(g_i18n);
    g_i18n = NULL;
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
    RUN(test_validate_without_a_kiosk);
    RUN(test_no_content_is_not_a_crash);
    RUN(test_help_screen);
    RUN(test_emergency_shows_no_stale_symptom);
    RUN(test_card_for_a_child);
    RUN(test_no_content_is_not_a_dead_end);
    RUN(test_help_lines_open_large);
    RUN(test_older_host_tables);
    RUN(test_nepali_language_list);
    RUN(test_with_the_real_packs);
    RUN(test_content_names_in_the_visitors_language);
    return check_summary();
}
