/* Unit tests for runtime/crash (journal, quarantine rule, the fatal-signal handler and the
 * watchdog in child processes, notify over a bound socket) and runtime/supervise. */
#include "check.h"
#include "base/base.h"
#include "crash/crash.h"
#include "supervise/supervise.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char g_dir[256];

static const char *path_in(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", g_dir, name);
    return buf[k];
}

static md_crash_ident ident(const char *id, const char *version, const char *hash)
{
    md_crash_ident w;
    memset(&w, 0, sizeof w);
    snprintf(w.id, sizeof w.id, "%s", id);
    snprintf(w.version, sizeof w.version, "%s", version);
    snprintf(w.hash, sizeof w.hash, "%s", hash);
    return w;
}

static void test_parse_and_skip_bad_lines(void)
{
    const char text[] = "100\tcrash\torg.a\t1\tabc\tframe\tSIGSEGV\n"
                        "garbage line\n"
                        "101\tcrash\torg.a\t1\tabc\tframe\n" /* a field short */
                        "102\tlift\torg.a\t1\tabc\t-\tstaff\n"
                        "103\tcrash\torg.a\t1\tab"; /* torn by a power cut */
    md_crash_journal j;
    CHECK_INT(md_crash_journal_parse(&j, text, sizeof text - 1, "j"), 0);
    CHECK_INT(j.n, 2);
    CHECK_INT(j.n_bad, 3);
    CHECK_STR(j.items[0].who.id, "org.a");
    CHECK_STR(j.items[0].callback, "frame");
    CHECK_STR(j.items[0].reason, "SIGSEGV");
    CHECK_STR(j.items[1].kind, "lift");
    md_crash_journal_free(&j);
}

static void test_quarantine_rule(void)
{
    md_crash_ident a = ident("org.a", "1", "abc");
    const char text[] = "1000\tcrash\torg.a\t1\tabc\tframe\tSIGSEGV\n"
                        "1100\tcrash\torg.a\t1\tabc\tframe\tSIGSEGV\n"
                        "1200\tcrash\torg.b\t1\tzzz\tframe\tSIGSEGV\n"
                        "1300\tcrash\torg.a\t1\tabc\tinit\twatchdog: init did not return\n";
    md_crash_journal j;
    md_crash_journal_parse(&j, text, sizeof text - 1, "j");
    int fresh = 0;
    char why[256];
    CHECK_INT(md_crash_quarantined(&j, &a, 1300, 3, 600, &fresh, why, sizeof why), 1);
    CHECK_INT(fresh, 1);
    CHECK(strstr(why, "3 crashes within 10 min") != NULL);
    CHECK(strstr(why, "in init") != NULL);
    /* Outside the window: the first one no longer counts. */
    CHECK_INT(md_crash_quarantined(&j, &a, 1650, 3, 600, &fresh, why, sizeof why), 0);
    /* Another version or another file is another plugin. */
    md_crash_ident a2 = ident("org.a", "2", "abc");
    md_crash_ident a3 = ident("org.a", "1", "abd");
    CHECK_INT(md_crash_quarantined(&j, &a2, 1300, 3, 600, &fresh, why, sizeof why), 0);
    CHECK_INT(md_crash_quarantined(&j, &a3, 1300, 3, 600, &fresh, why, sizeof why), 0);
    md_crash_journal_free(&j);
    /* A quarantine record holds past the window, until a lift. */
    const char held[] = "1000\tquarantine\torg.a\t1\tabc\tframe\t3 crashes\n";
    md_crash_journal_parse(&j, held, sizeof held - 1, "j");
    CHECK_INT(md_crash_quarantined(&j, &a, 999999, 3, 600, &fresh, why, sizeof why), 1);
    CHECK_INT(fresh, 0);
    CHECK_STR(why, "3 crashes");
    md_crash_journal_free(&j);
    const char lifted[] = "1000\tquarantine\torg.a\t1\tabc\tframe\t3 crashes\n"
                          "1001\tlift\torg.a\t1\tabc\t-\tby staff\n";
    md_crash_journal_parse(&j, lifted, sizeof lifted - 1, "j");
    CHECK_INT(md_crash_quarantined(&j, &a, 1002, 3, 600, &fresh, why, sizeof why), 0);
    md_crash_journal_free(&j);
}

static void test_append_and_load(void)
{
    const char *p = path_in("sub/crash.journal");
    md_crash_ident a = ident("org.a", "1.2", "0123");
    CHECK_INT(md_crash_journal_append(p, "crash", &a, MD_CB_RESET, "tab\there"), 0);
    CHECK_INT(md_crash_journal_append(p, "lift", &a, MD_CB_NONE, "by staff"), 0);
    md_crash_journal j;
    CHECK_INT(md_crash_journal_load(&j, p), 0);
    CHECK_INT(j.n, 2);
    CHECK_STR(j.items[0].callback, "reset");
    CHECK_STR(j.items[0].reason, "tab here");
    CHECK_STR(j.items[1].kind, "lift");
    CHECK(j.items[0].when_s > 1700000000);
    md_crash_journal_free(&j);
    CHECK_INT(md_crash_journal_load(&j, path_in("missing.journal")), 0);
    CHECK_INT(j.n, 0);
}

static void test_compact(void)
{
    const char *p = path_in("big.journal");
    md_crash_ident a = ident("org.a", "1", "abc"), b = ident("org.b", "2", "def");
    FILE *f = fopen(p, "wb");
    fprintf(f, "10\tquarantine\torg.b\t2\tdef\tframe\t3 crashes\n");
    for (int i = 0; i < 3000; i++)
        fprintf(f, "%d\tcrash\torg.a\t1\tabc\tframe\tSIGSEGV\n", 100 + i);
    fclose(f);
    CHECK_INT(md_crash_journal_compact(p, 1u << 20, 100), 0); /* small enough: untouched */
    CHECK_INT(md_crash_journal_compact(p, 4096, 100), 2900);
    md_crash_journal j;
    CHECK_INT(md_crash_journal_load(&j, p), 0);
    CHECK_INT(j.n, 101);
    int fresh = 0;
    char why[200];
    CHECK_INT(md_crash_quarantined(&j, &b, 999999, 3, 600, &fresh, why, sizeof why), 1);
    CHECK_INT(md_crash_quarantined(&j, &a, 3099, 3, 600, &fresh, why, sizeof why), 1);
    CHECK(j.n > 1 && j.items[j.n - 1].when_s == 3099);
    md_crash_journal_free(&j);
}

static void test_ident_hash_follows_the_file(void)
{
    FILE *f = fopen(path_in("p.so"), "wb");
    fputs("version one", f);
    fclose(f);
    md_crash_ident a, b;
    CHECK_INT(md_crash_ident_fill(&a, "org.a", "1", path_in("p.so")), 0);
    CHECK_INT((int)strlen(a.hash), 32);
    f = fopen(path_in("p.so"), "wb");
    fputs("version two", f);
    fclose(f);
    md_crash_ident_fill(&b, "org.a", "1", path_in("p.so"));
    CHECK(strcmp(a.hash, b.hash) != 0);
    CHECK_INT(md_crash_ident_fill(&b, "org.a", NULL, path_in("nope.so")), -1);
    CHECK_STR(b.version, "?");
}

/* Runs body in a child with the guard installed; returns its wait status. */
static int in_child(void (*body)(void), const char *journal)
{
    pid_t pid = fork();
    if (pid == 0) {
        md_crash_settings s = {.journal_path = journal,
                               .callback_deadline_ms = 200,
                               .init_deadline_ms = 400,
                               .term_grace_ms = 100};
        md_log_set_min_level(MD_LOG_ERROR);
        if (md_crash_install(&s) < 0)
            _exit(9);
        body();
        md_crash_uninstall();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

static md_crash_ident g_who;

static void segv_in_frame(void)
{
    md_crash_enter(&g_who, MD_CB_FRAME);
    volatile uintptr_t addr = 16;
    *(volatile int *)addr = 1;
}

static void stuck_in_init(void)
{
    md_crash_enter(&g_who, MD_CB_INIT);
    /* Spins (a hang that uses the CPU) for 10 s at most; the watchdog stops it at 0.4 s (1.6 s in
     * a sanitizer build). */
    uint64_t t0 = md_time_ns();
    volatile unsigned long spin = 0;
    while (md_time_ns() - t0 < 10000000000ull)
        spin++;
}

static void quick_callbacks(void)
{
    for (int i = 0; i < 20; i++) {
        md_crash_enter(&g_who, MD_CB_FRAME);
        usleep(20000); /* 20 ms each: 400 ms in all, each under the 200 ms deadline */
        md_crash_leave();
    }
}

static void stuck_then_term(void)
{
    md_crash_enter(&g_who, MD_CB_FRAME);
    md_crash_note_term(); /* as the SIGTERM handler does */
    for (int i = 0; i < 300; i++)
        usleep(10000);
}

/* The loop reaches the plugins' shutdown late after SIGTERM (a slow machine): a shutdown that
 * began just now and returns within the grace is no crash. */
static void late_orderly_shutdown(void)
{
    md_crash_note_term();
    usleep(150000); /* past the grace (100 ms), short of three graces with no callback */
    md_crash_enter(&g_who, MD_CB_SHUTDOWN);
    usleep(40000);
    md_crash_leave();
}

static void test_fatal_signal_is_journalled(void)
{
    g_who = ident("org.test.segv", "3", "feed");
    const char *p = path_in("segv.journal");
    int st = in_child(segv_in_frame, p);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    md_crash_journal j;
    md_crash_journal_load(&j, p);
    CHECK_INT(j.n, 1);
    if (j.n == 1) {
        CHECK_STR(j.items[0].kind, "crash");
        CHECK_STR(j.items[0].who.id, "org.test.segv");
        CHECK_STR(j.items[0].who.version, "3");
        CHECK_STR(j.items[0].callback, "frame");
        CHECK_STR(j.items[0].reason, "SIGSEGV");
    }
    md_crash_journal_free(&j);
}

static void test_watchdog(void)
{
    g_who = ident("org.test.stuck", "1", "beef");
    const char *p = path_in("wd.journal");
    int st = in_child(stuck_in_init, p);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    md_crash_journal j;
    md_crash_journal_load(&j, p);
    CHECK_INT(j.n, 1);
    if (j.n == 1) {
        CHECK_STR(j.items[0].callback, "init");
        CHECK(!strncmp(j.items[0].reason, "watchdog: init did not return within ", 37));
    }
    md_crash_journal_free(&j);
    /* Callbacks that return in time are never cut short, however long they run together. */
    p = path_in("quick.journal");
    st = in_child(quick_callbacks, p);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    md_crash_journal_load(&j, p);
    CHECK_INT(j.n, 0);
    md_crash_journal_free(&j);
    /* A shutdown started late after SIGTERM and quick: it runs to its end, nothing journalled. */
    p = path_in("late.journal");
    st = in_child(late_orderly_shutdown, p);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    md_crash_journal_load(&j, p);
    CHECK_INT(j.n, 0);
    md_crash_journal_free(&j);
    /* SIGTERM while stuck: a clean exit 0, the stuck callback journalled. */
    p = path_in("term.journal");
    st = in_child(stuck_then_term, p);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    md_crash_journal_load(&j, p);
    CHECK_INT(j.n, 1);
    if (j.n == 1)
        CHECK(strstr(j.items[0].reason, "when SIGTERM came") != NULL);
    md_crash_journal_free(&j);
}

static void test_notify(void)
{
    const char *sock = path_in("notify.sock");
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    snprintf(a.sun_path, sizeof a.sun_path, "%s", sock);
    CHECK_INT(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    setenv("NOTIFY_SOCKET", sock, 1);
    setenv("WATCHDOG_USEC", "1000000", 1);
    unsetenv("WATCHDOG_PID");
    md_notify n;
    md_notify_init(&n);
    CHECK(n.interval_ns == 250000000ull);
    md_notify_alive(&n, 1000); /* nothing before READY */
    md_notify_ready(&n);
    md_notify_ready(&n); /* once */
    md_notify_alive(&n, 2000000000ull);
    md_notify_alive(&n, 2100000000ull); /* too soon */
    md_notify_alive(&n, 2300000000ull);
    md_notify_close(&n);
    char buf[64];
    const char *want[] = {"READY=1", "WATCHDOG=1", "WATCHDOG=1"};
    for (int i = 0; i < 3; i++) {
        ssize_t got = recv(fd, buf, sizeof buf - 1, MSG_DONTWAIT);
        buf[got > 0 ? got : 0] = '\0';
        CHECK_STR(buf, want[i]);
    }
    CHECK(recv(fd, buf, sizeof buf, MSG_DONTWAIT) < 0);
    close(fd);
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    md_notify_init(&n);
    CHECK_INT(md_notify_send(&n, "READY=1"), 0); /* no socket: a quiet no-op */
}

static void test_rss(void)
{
    CHECK(md_crash_rss_bytes() > 1000000u);
}

static int supervise_sh(const char *script, int headless)
{
    char *args[4] = {(char *)"-c", (char *)script, (char *)(headless ? "--headless" : "x"), NULL};
    fflush(NULL);
    return md_supervise("/bin/sh", 3, args);
}

static void test_supervise(void)
{
    setenv("MD_SUPERVISE_BACKOFF_MS", "1", 1);
    setenv("MD_SUPERVISE_MAX_RESTARTS", "5", 1);
    char script[1024];
    /* Crashes twice (SIGSEGV), then exits 0: restarted twice, then done. */
    snprintf(script, sizeof script,
             "n=$(cat %s 2>/dev/null || echo 0); n=$((n+1)); echo $n > %s; "
             "[ $n -ge 3 ] && exit 0; kill -SEGV $$",
             path_in("count"), path_in("count"));
    CHECK_INT(supervise_sh(script, 1), 0);
    FILE *f = fopen(path_in("count"), "r");
    int n = 0;
    if (f) {
        if (fscanf(f, "%d", &n) != 1)
            n = -1;
        fclose(f);
    }
    CHECK_INT(n, 3);
    /* Headless, the script's own failure passes straight through; a restart request does not. */
    CHECK_INT(supervise_sh("exit 1", 1), 1);
    CHECK_INT(supervise_sh("exit 2", 0), 2);
    /* A kiosk that never stops crashing: bounded, then an error. */
    CHECK_INT(supervise_sh("kill -SEGV $$", 1), 1);
    snprintf(script, sizeof script,
             "n=$(cat %s 2>/dev/null || echo 0); n=$((n+1)); echo $n > %s; "
             "[ $n -ge 2 ] && exit 0; exit 75",
             path_in("count2"), path_in("count2"));
    CHECK_INT(supervise_sh(script, 1), 0);
    unsetenv("MD_SUPERVISE_BACKOFF_MS");
    unsetenv("MD_SUPERVISE_MAX_RESTARTS");
}

int main(void)
{
    snprintf(g_dir, sizeof g_dir, "/tmp/md-test-crash-XXXXXX");
    if (!mkdtemp(g_dir))
        return 1;
    md_log_set_min_level(MD_LOG_ERROR);
    RUN(test_parse_and_skip_bad_lines);
    RUN(test_quarantine_rule);
    RUN(test_append_and_load);
    RUN(test_compact);
    RUN(test_ident_hash_follows_the_file);
    RUN(test_fatal_signal_is_journalled);
    RUN(test_watchdog);
    RUN(test_notify);
    RUN(test_rss);
    RUN(test_supervise);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", g_dir);
    return check_summary();
}
