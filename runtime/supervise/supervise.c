/* The built-in supervisor: fork, exec the kiosk, wait, decide. The only global state is the
 * child's pid and the stop flag, which the SIGTERM handler needs (documented exception). */
#include "supervise/supervise.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"

static volatile sig_atomic_t g_stop = 0;
static volatile pid_t g_child = 0;

static void on_stop(int sig)
{
    g_stop = 1;
    pid_t c = g_child;
    if (c > 0)
        kill(c, sig == SIGINT ? SIGTERM : sig);
}

static long env_long(const char *name, long dflt, long lo, long hi)
{
    const char *v = getenv(name);
    if (!v || !v[0])
        return dflt;
    char *end = NULL;
    long x = strtol(v, &end, 10);
    if (*end || x < lo || x > hi) {
        md_log(MD_LOG_WARN, "SUPERVISE", "%s=%s is not a number from %ld to %ld; using %ld", name,
               v, lo, hi, dflt);
        return dflt;
    }
    return x;
}

static uint64_t mono_ms(void)
{
    return md_time_ns() / 1000000u;
}

/* Sleeps ms unless a stop arrives. */
static void backoff_sleep(long ms)
{
    uint64_t until = mono_ms() + (uint64_t)ms;
    while (!g_stop) {
        uint64_t now = mono_ms();
        if (now >= until)
            break;
        uint64_t left = until - now;
        struct timespec ts = {(time_t)(left / 1000u), (long)(left % 1000u) * 1000000L};
        nanosleep(&ts, NULL);
    }
}

static void describe(int status, char *out, size_t cap)
{
    if (WIFSIGNALED(status))
        snprintf(out, cap, "was killed by signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else
        snprintf(out, cap, "exited with status %d", WEXITSTATUS(status));
}

int md_supervise(const char *exe, int n_args, char **args)
{
    int headless = 0;
    for (int i = 0; i < n_args; i++)
        if (!strcmp(args[i], "--headless"))
            headless = 1;
    long max_restarts = env_long("MD_SUPERVISE_MAX_RESTARTS", 10, 0, 1000000);
    long first_ms = env_long("MD_SUPERVISE_BACKOFF_MS", 100, 0, 60000);
    char **argv = md_calloc((size_t)n_args + 2, sizeof *argv);
    if (!argv)
        return 1;
    argv[0] = (char *)"madang";
    for (int i = 0; i < n_args; i++)
        argv[i + 1] = args[i];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    long restarts = 0, delay_ms = first_ms;
    int rc = 1;
    for (;;) {
        uint64_t started = mono_ms();
        pid_t pid = fork();
        if (pid < 0) {
            md_log(MD_LOG_ERROR, "SUPERVISE", "cannot fork: %s", strerror(errno));
            rc = 1;
            break;
        }
        if (pid == 0) {
            signal(SIGTERM, SIG_DFL);
            signal(SIGINT, SIG_DFL);
            execv(exe, argv);
            fprintf(stderr, "madang: SUPERVISE: error: cannot run %s: %s\n", exe, strerror(errno));
            _exit(127);
        }
        g_child = pid;
        if (g_stop) /* a stop that came between fork and here */
            kill(pid, SIGTERM);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        g_child = 0;
        uint64_t ran_ms = mono_ms() - started;
        char what[160];
        describe(status, what, sizeof what);
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        if (g_stop) {
            md_log(MD_LOG_INFO, "SUPERVISE", "stopped: the kiosk %s after SIGTERM", what);
            rc = code >= 0 ? code : 0;
            break;
        }
        if (code == MD_EXIT_OK) {
            md_log(MD_LOG_INFO, "SUPERVISE", "the kiosk exited with status 0; done");
            rc = 0;
            break;
        }
        if (code == MD_EXIT_USAGE || code == 127 || (headless && code == MD_EXIT_FAILURE)) {
            md_log(MD_LOG_INFO, "SUPERVISE", "the kiosk %s; passed through", what);
            rc = code;
            break;
        }
        if (ran_ms >= 60000) { /* it ran a good while: a fresh start of the back-off */
            restarts = 0;
            delay_ms = first_ms;
        }
        if (restarts >= max_restarts) {
            md_log(MD_LOG_ERROR, "SUPERVISE",
                   "the kiosk %s; gave up after %ld restarts in a row (MD_SUPERVISE_MAX_RESTARTS)",
                   what, restarts);
            rc = 1;
            break;
        }
        restarts++;
        md_log(MD_LOG_WARN, "SUPERVISE", "the kiosk %s; restart %ld in %ld ms%s", what, restarts,
               delay_ms, headless ? " (the script runs again)" : "");
        backoff_sleep(delay_ms);
        delay_ms = delay_ms * 2 > 10000 ? 10000 : (delay_ms ? delay_ms * 2 : 0);
        if (g_stop) {
            rc = 0;
            break;
        }
    }
    md_free(argv);
    return rc;
}
