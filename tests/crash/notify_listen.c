/* md-notify-listen SOCKET OUT [-t]: binds an AF_UNIX datagram socket at SOCKET, as systemd does for
 * NOTIFY_SOCKET, and writes every datagram it receives to OUT as one line, in arrival order (with
 * -t each line starts with the wall-clock arrival time in milliseconds, for make bench).
 * Stops on SIGTERM (after reading what is queued) or after 120 s, so a test never hangs on it. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t g_stop = 0; /* the signal handler's flag */

static void on_term(int sig)
{
    (void)sig;
    g_stop = 1;
}

int main(int argc, char **argv)
{
    int stamp = argc == 4 && !strcmp(argv[3], "-t");
    if (argc != 3 && !stamp) {
        fprintf(stderr, "usage: md-notify-listen SOCKET OUT [-t]\n");
        return 2;
    }
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    if (fd < 0 || strlen(argv[1]) >= sizeof a.sun_path) {
        fprintf(stderr, "md-notify-listen: bad socket path\n");
        return 1;
    }
    memcpy(a.sun_path, argv[1], strlen(argv[1]));
    unlink(argv[1]);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        fprintf(stderr, "md-notify-listen: bind %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    FILE *out = fopen(argv[2], "w");
    if (!out)
        return 1;
    signal(SIGTERM, on_term);
    time_t start = time(NULL);
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        int ready = poll(&p, 1, 100);
        if (ready > 0) {
            char buf[512];
            ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
            if (n > 0) {
                buf[n] = '\0';
                for (ssize_t i = 0; i < n; i++)
                    if (buf[i] == '\n')
                        buf[i] = ' ';
                if (stamp) {
                    struct timespec ts;
                    clock_gettime(CLOCK_REALTIME, &ts);
                    fprintf(out, "%lld ", (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
                }
                fprintf(out, "%s\n", buf);
                fflush(out);
            }
            continue; /* drain before looking at the stop flag */
        }
        if (g_stop || time(NULL) - start > 120)
            break;
    }
    fclose(out);
    close(fd);
    unlink(argv[1]);
    return 0;
}
