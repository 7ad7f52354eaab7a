/* The crash guard: the active plugin callback, the fatal-signal handler and the watchdog thread,
 * all writing the same one-line journal record. The handler uses only async-signal-safe calls
 * (open/write/fsync/clock_gettime/raise and hand-written formatting into a static buffer); the
 * record's fields are fixed-size copies made at load time (md_crash_ident).
 *
 * Global state, documented: a signal handler can reach nothing else (crash.h).
 */
#include "crash/crash.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "base/base.h"

static const char *const k_cb_names[MD_CB_COUNT] = {
    [MD_CB_NONE] = "-",      [MD_CB_INIT] = "init",         [MD_CB_ENTER] = "enter",
    [MD_CB_FRAME] = "frame", [MD_CB_LOCALE] = "locale",     [MD_CB_CONTENT] = "content",
    [MD_CB_RESET] = "reset", [MD_CB_SHUTDOWN] = "shutdown",
};

const char *md_crash_cb_name(md_crash_cb cb)
{
    return cb > MD_CB_NONE && cb < MD_CB_COUNT ? k_cb_names[cb] : "-";
}

/* ---------------------------------------------------------------- global guard state */

static _Atomic(const md_crash_ident *) g_who = NULL;
static atomic_int g_cb = MD_CB_NONE;
static atomic_uint_fast64_t g_since_ms = 0;     /* monotonic, when the callback began */
static atomic_uint_fast64_t g_since_cpu_ms = 0; /* the main thread's CPU time then */
static clockid_t g_main_cpu_clock;              /* the main thread's CPU clock (install) */
static int g_have_cpu_clock = 0;
static atomic_uint g_seq = 0;              /* bumps on every enter */
static atomic_int g_journalled = 0;        /* one record per death */
static atomic_uint_fast64_t g_term_ms = 0; /* when SIGTERM arrived (monotonic), 0 = not */
static atomic_int g_fd = -1;               /* the journal, O_APPEND */
static char g_sig_buf[640];                /* the handler's line (one death, one writer) */
static char g_path_buf[4096];              /* the journal's path, for the first record */
static char *g_altstack = NULL;

static struct {
    int installed;
    md_crash_settings s;
    char *path;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop;
} g_wd = {.mu = PTHREAD_MUTEX_INITIALIZER};

static const int k_fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---------------------------------------------------------------- async-signal-safe formatting */

typedef struct line_buf {
    char *p;
    size_t n, cap;
} line_buf;

static void put_str(line_buf *b, const char *s)
{
    /* Tabs and newlines would break the record's fields: replace them. */
    for (; s && *s && b->n + 2 < b->cap; s++)
        b->p[b->n++] = (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s;
}

static void put_int(line_buf *b, int64_t v)
{
    char tmp[24];
    int i = 0;
    uint64_t u = v < 0 ? (uint64_t)(-(v + 1)) + 1u : (uint64_t)v;
    do {
        tmp[i++] = (char)('0' + u % 10u);
        u /= 10u;
    } while (u && i < (int)sizeof tmp);
    if (v < 0 && b->n + 2 < b->cap)
        b->p[b->n++] = '-';
    while (i > 0 && b->n + 2 < b->cap)
        b->p[b->n++] = tmp[--i];
}

static void put_tab(line_buf *b)
{
    if (b->n + 2 < b->cap)
        b->p[b->n++] = '\t';
}

static size_t format_record(char *out, size_t cap, int64_t when_s, const char *kind,
                            const md_crash_ident *who, md_crash_cb cb, const char *reason1,
                            const char *reason2)
{
    line_buf b = {out, 0, cap};
    put_int(&b, when_s);
    put_tab(&b);
    put_str(&b, kind);
    put_tab(&b);
    put_str(&b, who && who->id[0] ? who->id : "-");
    put_tab(&b);
    put_str(&b, who && who->version[0] ? who->version : "-");
    put_tab(&b);
    put_str(&b, who && who->hash[0] ? who->hash : "-");
    put_tab(&b);
    put_str(&b, md_crash_cb_name(cb));
    put_tab(&b);
    put_str(&b, reason1);
    put_str(&b, reason2);
    b.p[b.n++] = '\n';
    return b.n;
}

static int64_t wall_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec;
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

static const char *sig_name(int sig)
{
    switch (sig) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGBUS:
        return "SIGBUS";
    case SIGILL:
        return "SIGILL";
    case SIGFPE:
        return "SIGFPE";
    case SIGABRT:
        return "SIGABRT";
    default:
        return "signal";
    }
}

/* The one record of this death: the journal, and a line on stderr for the log. */
static void journal_death(const char *reason1, const char *reason2)
{
    if (atomic_exchange(&g_journalled, 1))
        return;
    const md_crash_ident *who = atomic_load(&g_who);
    md_crash_cb cb = (md_crash_cb)atomic_load(&g_cb);
    size_t n =
        format_record(g_sig_buf, sizeof g_sig_buf, wall_s(), "crash", who, cb, reason1, reason2);
    int fd = atomic_load(&g_fd);
    if (fd < 0 && g_path_buf[0]) /* the first record creates the file (open is signal-safe) */
        fd = open(g_path_buf, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) {
        write_all(fd, g_sig_buf, n);
        fsync(fd);
    }
    /* The log line a person reads: "madang: CRASH: error: org.x 1.0 in frame: SIGSEGV". */
    static char say[400];
    line_buf b = {say, 0, sizeof say};
    put_str(&b, "madang: CRASH: error: ");
    put_str(&b, who && who->id[0] ? who->id : "the runtime (no plugin callback)");
    if (who) {
        put_str(&b, " ");
        put_str(&b, who->version);
        put_str(&b, " in ");
        put_str(&b, md_crash_cb_name(cb));
    }
    put_str(&b, ": ");
    put_str(&b, reason1);
    put_str(&b, reason2);
    put_str(&b, fd >= 0 ? " (journalled)" : " (no journal)");
    b.p[b.n++] = '\n';
    write_all(2, say, b.n);
}

static void on_fatal(int sig, siginfo_t *si, void *uc)
{
    (void)si;
    (void)uc;
    journal_death(sig_name(sig), "");
    /* SA_RESETHAND restored the default action: raise it again once we return. */
    signal(sig, SIG_DFL);
    raise(sig);
}

/* ---------------------------------------------------------------- the watchdog thread */

/* Sanitizer builds run several times slower: their deadlines stretch so a slow frame is not
 * mistaken for a hang. */
#if defined(__SANITIZE_ADDRESS__)
enum { DEADLINE_SCALE = 4 };
#else
enum { DEADLINE_SCALE = 1 };
#endif

static int deadline_ms(md_crash_cb cb)
{
    if (cb == MD_CB_INIT)
        return (g_wd.s.init_deadline_ms > 0 ? g_wd.s.init_deadline_ms : 10000) * DEADLINE_SCALE;
    return (g_wd.s.callback_deadline_ms > 0 ? g_wd.s.callback_deadline_ms : 2000) * DEADLINE_SCALE;
}

static uint64_t main_cpu_ms(void)
{
    struct timespec ts;
    if (!g_have_cpu_clock || clock_gettime(g_main_cpu_clock, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void *watchdog_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_wd.mu);
    while (!g_wd.stop) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += 25 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&g_wd.cv, &g_wd.mu, &ts);
        if (g_wd.stop)
            break;
        unsigned seq = atomic_load(&g_seq);
        md_crash_cb cb = (md_crash_cb)atomic_load(&g_cb);
        uint64_t since = atomic_load(&g_since_ms);
        uint64_t now = mono_ms();
        uint64_t term = atomic_load(&g_term_ms);
        if (term) {
            int grace = g_wd.s.term_grace_ms > 0 ? g_wd.s.term_grace_ms : 500;
            /* A callback stuck when SIGTERM came: stop now; the main loop would never see it.
             * Without a callback, give the loop a little longer to stop by itself. */
            uint64_t limit = cb != MD_CB_NONE ? (uint64_t)grace : (uint64_t)grace * 3u;
            if (now - term >= limit) {
                /* A callback that began less than the grace ago is the orderly shutdown the loop
                 * started late (a slow machine): it gets its grace, and is no crash. */
                int fresh = cb != MD_CB_NONE && now - since < (uint64_t)grace;
                if (fresh && now - term < (uint64_t)grace * 6u)
                    continue;
                if (cb != MD_CB_NONE && !fresh) {
                    char why[96];
                    snprintf(why, sizeof why, "stuck for %llu ms when SIGTERM came",
                             (unsigned long long)(now - since));
                    journal_death("watchdog: ", why);
                }
                static const char msg[] = "madang: APP: stopping (SIGTERM; the main loop did not "
                                          "return in time)\n";
                write_all(2, msg, sizeof msg - 1);
                _exit(0);
            }
        }
        if (cb == MD_CB_NONE || seq != atomic_load(&g_seq))
            continue;
        int limit = deadline_ms(cb);
        if (now - since < (uint64_t)limit)
            continue;
        /* Past the deadline in wall time. A callback that spins has used the CPU meanwhile; one
         * that merely waited for a CPU on a busy machine has not: it gets up to four deadlines of
         * wall time before it counts as stuck (a callback blocked in a call counts then too). */
        uint64_t cpu = main_cpu_ms(), cpu_since = atomic_load(&g_since_cpu_ms);
        if (g_have_cpu_clock && cpu - cpu_since < (uint64_t)limit / 2 &&
            now - since < 4u * (uint64_t)limit)
            continue;
        char why[96];
        snprintf(why, sizeof why, "%s did not return within %d ms", md_crash_cb_name(cb), limit);
        journal_death("watchdog: ", why);
        /* The same kind of death as a fault: the supervisor and systemd see a crash. */
        signal(SIGABRT, SIG_DFL);
        raise(SIGABRT);
        _exit(134);
    }
    pthread_mutex_unlock(&g_wd.mu);
    return NULL;
}

/* ---------------------------------------------------------------- install */

static int mkdir_parents(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

int md_crash_install(const md_crash_settings *settings)
{
    if (g_wd.installed)
        md_crash_uninstall();
    g_wd.s = *settings;
    g_wd.path = md_strdup(settings->journal_path);
    g_wd.s.journal_path = g_wd.path;
    atomic_store(&g_journalled, 0);
    atomic_store(&g_term_ms, 0);
    int fd = -1;
    if (g_wd.path) {
        mkdir_parents(g_wd.path);
        snprintf(g_path_buf, sizeof g_path_buf, "%s", g_wd.path);
        /* An existing journal is opened now; a new one is made by its first record, so a kiosk
         * that never crashed leaves no file in storage. */
        fd = open(g_wd.path, O_WRONLY | O_APPEND | O_CLOEXEC);
        if (fd < 0 && errno != ENOENT)
            md_log(MD_LOG_ERROR, "CRASH",
                   "[%s] cannot open the crash journal: %s; crashes "
                   "will not be journalled",
                   g_wd.path, strerror(errno));
    }
    atomic_store(&g_fd, fd);
    /* The thread that installs the guard is the main thread, which runs every callback. */
    g_have_cpu_clock = pthread_getcpuclockid(pthread_self(), &g_main_cpu_clock) == 0;
    /* An alternate stack, so a stack overflow in a plugin still gets its record. */
    if (!g_altstack)
        g_altstack = malloc(64 * 1024); /* kept for the process's life */
    if (g_altstack) {
        stack_t ss = {.ss_sp = g_altstack, .ss_size = 64 * 1024, .ss_flags = 0};
        sigaltstack(&ss, NULL);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fatal;
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof k_fatal / sizeof k_fatal[0]; i++)
        sigaction(k_fatal[i], &sa, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&g_wd.cv, &ca);
    pthread_condattr_destroy(&ca);
    g_wd.stop = 0;
    if (pthread_create(&g_wd.thread, NULL, watchdog_main, NULL) != 0) {
        md_log(MD_LOG_ERROR, "CRASH", "cannot start the watchdog thread");
        pthread_cond_destroy(&g_wd.cv);
        g_wd.installed = 1;
        return -1;
    }
    g_wd.installed = 2;
    return 0;
}

void md_crash_uninstall(void)
{
    if (!g_wd.installed)
        return;
    if (g_wd.installed == 2) {
        pthread_mutex_lock(&g_wd.mu);
        g_wd.stop = 1;
        pthread_cond_signal(&g_wd.cv);
        pthread_mutex_unlock(&g_wd.mu);
        pthread_join(g_wd.thread, NULL);
    }
    pthread_cond_destroy(&g_wd.cv);
    for (size_t i = 0; i < sizeof k_fatal / sizeof k_fatal[0]; i++)
        signal(k_fatal[i], SIG_DFL);
    int fd = atomic_exchange(&g_fd, -1);
    if (fd >= 0)
        close(fd);
    md_free(g_wd.path);
    g_wd.path = NULL;
    g_wd.installed = 0;
}

void md_crash_enter(const md_crash_ident *who, md_crash_cb cb)
{
    atomic_store(&g_who, who);
    atomic_store(&g_since_ms, mono_ms());
    atomic_store(&g_since_cpu_ms, main_cpu_ms());
    atomic_fetch_add(&g_seq, 1u);
    atomic_store(&g_cb, (int)cb);
}

void md_crash_leave(void)
{
    atomic_store(&g_cb, (int)MD_CB_NONE);
    atomic_store(&g_who, NULL);
}

void md_crash_note_term(void)
{
    uint64_t now = mono_ms();
    uint64_t zero = 0;
    atomic_compare_exchange_strong(&g_term_ms, &zero, now ? now : 1);
}

/* ---------------------------------------------------------------- records from normal code */

int md_crash_journal_append(const char *path, const char *kind, const md_crash_ident *who,
                            md_crash_cb cb, const char *reason)
{
    char line[640];
    size_t n = format_record(line, sizeof line, wall_s(), kind, who, cb, reason, "");
    if (!path || mkdir_parents(path) < 0)
        return -1;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        md_log(MD_LOG_ERROR, "CRASH", "[%s] cannot append to the crash journal: %s", path,
               strerror(errno));
        return -1;
    }
    write_all(fd, line, n);
    fsync(fd);
    close(fd);
    return 0;
}

int md_crash_ident_fill(md_crash_ident *who, const char *id, const char *version,
                        const char *so_path)
{
    memset(who, 0, sizeof *who);
    snprintf(who->id, sizeof who->id, "%s", id ? id : "-");
    snprintf(who->version, sizeof who->version, "%s", version && version[0] ? version : "?");
    snprintf(who->hash, sizeof who->hash, "-");
    int fd = so_path ? open(so_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) : -1;
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        md_log(MD_LOG_ERROR, "CRASH", "[%s] cannot hash the plugin file", so_path ? so_path : "?");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (sodium_init() < 0) {
        close(fd);
        return -1;
    }
    crypto_generichash_state h;
    unsigned char out[16];
    crypto_generichash_init(&h, NULL, 0, sizeof out);
    unsigned char buf[16384];
    for (;;) {
        ssize_t got = read(fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        crypto_generichash_update(&h, buf, (unsigned long long)got);
    }
    close(fd);
    crypto_generichash_final(&h, out, sizeof out);
    sodium_bin2hex(who->hash, sizeof who->hash, out, sizeof out);
    return 0;
}

uint64_t md_crash_rss_bytes(void)
{
    char buf[128];
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    unsigned long long size = 0, resident = 0;
    if (sscanf(buf, "%llu %llu", &size, &resident) != 2)
        return 0;
    long page = sysconf(_SC_PAGESIZE);
    return (uint64_t)resident * (uint64_t)(page > 0 ? page : 4096);
}
