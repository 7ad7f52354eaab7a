/* md-launch: starts a program with the clock already running (taken just before fork + exec, so
 * library loading and everything the program does before main() is counted), and reports when it
 * reaches named points, with the memory of its whole process tree at each. Used by `make bench` for
 * madang and for the Chromium peer alike, so both are timed and measured the same way.
 *
 *   md-launch [--timeout-ms N] [--poll-ms N] [--file NAME=PATH]... [--touch NAME=PATH]...
 *             [--stop NAME] -- PROGRAM ARGS...
 *
 * A point is reached when the program writes a line containing "md-ready NAME" (stdout or stderr;
 * Chromium's console.log with --enable-logging=stderr), or when PATH of a --file option exists.
 * At each point one line goes to stdout:
 *   point NAME ms=12.3 rss_kb=N pss_kb=N hwm_kb=N procs=N
 * (RSS, PSS and peak RSS (VmHWM) summed over the program and all its descendants, from
 * /proc/PID/smaps_rollup and /proc/PID/status). --touch creates PATH after NAME was measured (the
 * other side of a madang script's `wait-file`). At --stop NAME, or at the timeout (default 60 s),
 * the whole tree gets SIGTERM, then SIGKILL after 3 s. The last line is
 *   peak rss_kb=N pss_kb=N            (the largest sums seen while sampling every --poll-ms)
 *   end ok | end timeout | end exit CODE (the program ended before --stop)
 * Exit status: 0 when --stop was reached (or, without --stop, the program exited 0), else 1.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_OPTS 16
#define MAX_PROCS 256

typedef struct pair {
    const char *name;
    const char *path;
    int done;
} pair;

typedef struct mem {
    long rss_kb, pss_kb, hwm_kb;
    int procs;
} mem;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The pids of root and all its descendants (by parent pid, from /proc/PID/stat). */
static int tree_pids(pid_t root, pid_t *out, int cap)
{
    pid_t pid[4096], ppid[4096];
    int n = 0;
    DIR *d = opendir("/proc");
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 4096) {
        char *end = NULL;
        long p = strtol(e->d_name, &end, 10);
        if (!end || *end || p <= 0)
            continue;
        char path[64], buf[512];
        snprintf(path, sizeof path, "/proc/%ld/stat", p);
        int fd = open(path, O_RDONLY);
        if (fd < 0)
            continue;
        ssize_t got = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (got <= 0)
            continue;
        buf[got] = '\0';
        char *rp = strrchr(buf, ')'); /* the command may hold spaces and parentheses */
        long parent = 0;
        char state = 0;
        if (!rp || sscanf(rp + 1, " %c %ld", &state, &parent) != 2)
            continue;
        pid[n] = (pid_t)p;
        ppid[n] = (pid_t)parent;
        n++;
    }
    closedir(d);
    int m = 0;
    out[m++] = root;
    for (int grew = 1; grew && m < cap;) {
        grew = 0;
        for (int i = 0; i < n && m < cap; i++) {
            int in = 0, parent_in = 0;
            for (int k = 0; k < m; k++) {
                in |= out[k] == pid[i];
                parent_in |= out[k] == ppid[i];
            }
            if (!in && parent_in) {
                out[m++] = pid[i];
                grew = 1;
            }
        }
    }
    return m;
}

static long field_kb(const char *path, const char *key)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[256];
    long v = 0;
    size_t n = strlen(key);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0) {
            v = strtol(line + n, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

static mem measure(pid_t root)
{
    mem m = {0, 0, 0, 0};
    pid_t pids[MAX_PROCS];
    int n = tree_pids(root, pids, MAX_PROCS);
    for (int i = 0; i < n; i++) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pids[i]);
        long rss = field_kb(path, "Rss:");
        if (rss <= 0)
            continue; /* gone, or a zombie */
        m.rss_kb += rss;
        m.pss_kb += field_kb(path, "Pss:");
        snprintf(path, sizeof path, "/proc/%d/status", (int)pids[i]);
        m.hwm_kb += field_kb(path, "VmHWM:");
        m.procs++;
    }
    return m;
}

static void stop_tree(pid_t root)
{
    pid_t pids[MAX_PROCS];
    int n = tree_pids(root, pids, MAX_PROCS);
    kill(-root, SIGTERM);
    for (int i = 0; i < n; i++)
        kill(pids[i], SIGTERM);
    for (int i = 0; i < 300; i++) { /* 3 s */
        if (waitpid(root, NULL, WNOHANG) == root)
            break;
        usleep(10000);
    }
    n = tree_pids(root, pids, MAX_PROCS);
    kill(-root, SIGKILL);
    for (int i = 0; i < n; i++)
        kill(pids[i], SIGKILL);
    waitpid(root, NULL, 0);
}

static int usage(void)
{
    fprintf(stderr, "usage: md-launch [--timeout-ms N] [--poll-ms N] [--file NAME=PATH]... "
                    "[--touch NAME=PATH]... [--stop NAME] -- PROGRAM ARGS...\n");
    return 2;
}

static int parse_pair(char *arg, pair *p)
{
    char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1])
        return -1;
    *eq = '\0';
    p->name = arg;
    p->path = eq + 1;
    p->done = 0;
    return 0;
}

int main(int argc, char **argv)
{
    long timeout_ms = 60000, poll_ms = 50;
    pair files[MAX_OPTS], touches[MAX_OPTS];
    int n_files = 0, n_touches = 0;
    const char *stop = NULL;
    int i = 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        if (i + 1 >= argc)
            return usage();
        if (!strcmp(argv[i], "--timeout-ms"))
            timeout_ms = atol(argv[++i]);
        else if (!strcmp(argv[i], "--poll-ms"))
            poll_ms = atol(argv[++i]);
        else if (!strcmp(argv[i], "--stop"))
            stop = argv[++i];
        else if (!strcmp(argv[i], "--file") && n_files < MAX_OPTS) {
            if (parse_pair(argv[++i], &files[n_files++]) < 0)
                return usage();
        } else if (!strcmp(argv[i], "--touch") && n_touches < MAX_OPTS) {
            if (parse_pair(argv[++i], &touches[n_touches++]) < 0)
                return usage();
        } else
            return usage();
    }
    if (i >= argc)
        return usage();
    if (timeout_ms <= 0 || timeout_ms > 600000)
        timeout_ms = 60000;
    if (poll_ms <= 0 || poll_ms > 1000)
        poll_ms = 50;
    int fds[2];
    if (pipe(fds) < 0) {
        perror("md-launch: pipe");
        return 1;
    }
    double t0 = now_ms(); /* the clock starts before fork + exec */
    pid_t child = fork();
    if (child < 0) {
        perror("md-launch: fork");
        return 1;
    }
    if (child == 0) {
        setpgid(0, 0);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        execvp(argv[i], argv + i);
        fprintf(stderr, "md-launch: cannot run %s: %s\n", argv[i], strerror(errno));
        _exit(127);
    }
    setpgid(child, child);
    close(fds[1]);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    char line[8192];
    size_t len = 0;
    mem peak = {0, 0, 0, 0};
    int rc = 1, ended = 0, status = 0, eof = 0;
    double next_sample = t0;
    while (!ended) {
        double t = now_ms();
        if (t - t0 > (double)timeout_ms) {
            printf("end timeout\n");
            break;
        }
        struct pollfd p = {fds[0], POLLIN, 0};
        if (!eof)
            poll(&p, 1, (int)poll_ms);
        else
            usleep((useconds_t)poll_ms * 1000);
        /* points named in the program's output */
        const char *reached[64];
        int n_reached = 0;
        char names[64][64];
        for (;;) {
            char c;
            ssize_t got = eof ? 0 : read(fds[0], &c, 1);
            if (got == 0)
                eof = 1;
            if (got <= 0)
                break;
            if (c != '\n' && len + 1 < sizeof line) {
                line[len++] = c;
                continue;
            }
            line[len] = '\0';
            len = 0;
            char *m = strstr(line, "md-ready ");
            if (m && n_reached < 64) {
                m += 9;
                size_t k = 0;
                while (k < 63 && m[k] &&
                       (m[k] == '-' || m[k] == '_' || (m[k] >= '0' && m[k] <= '9') ||
                        (m[k] >= 'a' && m[k] <= 'z')))
                    k++;
                memcpy(names[n_reached], m, k);
                names[n_reached][k] = '\0';
                reached[n_reached] = names[n_reached];
                n_reached++;
            } else if (getenv("MD_LAUNCH_ECHO")) {
                fprintf(stderr, "| %s\n", line);
            }
        }
        for (int f = 0; f < n_files && n_reached < 64; f++) {
            struct stat st;
            if (!files[f].done && stat(files[f].path, &st) == 0) {
                files[f].done = 1;
                reached[n_reached++] = files[f].name;
            }
        }
        double at = now_ms() - t0;
        if (n_reached || now_ms() >= next_sample) {
            mem m = measure(child);
            if (m.rss_kb > peak.rss_kb)
                peak.rss_kb = m.rss_kb;
            if (m.pss_kb > peak.pss_kb)
                peak.pss_kb = m.pss_kb;
            next_sample = now_ms() + (double)poll_ms;
            for (int r = 0; r < n_reached; r++) {
                printf("point %s ms=%.1f rss_kb=%ld pss_kb=%ld hwm_kb=%ld procs=%d\n", reached[r],
                       at, m.rss_kb, m.pss_kb, m.hwm_kb, m.procs);
                fflush(stdout);
                for (int k = 0; k < n_touches; k++)
                    if (!strcmp(touches[k].name, reached[r])) {
                        int fd = open(touches[k].path, O_WRONLY | O_CREAT, 0644);
                        if (fd >= 0)
                            close(fd);
                    }
                if (stop && !strcmp(stop, reached[r])) {
                    rc = 0;
                    ended = 1;
                }
            }
        }
        if (!ended && waitpid(child, &status, WNOHANG) == child) {
            int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            printf("peak rss_kb=%ld pss_kb=%ld\n", peak.rss_kb, peak.pss_kb);
            printf("end exit %d\n", code);
            return !stop && code == 0 ? 0 : 1;
        }
    }
    stop_tree(child);
    printf("peak rss_kb=%ld pss_kb=%ld\n", peak.rss_kb, peak.pss_kb);
    if (rc == 0)
        printf("end ok\n");
    return rc;
}
