/* systemd's notify protocol (sd_notify(3)): one datagram per state on the AF_UNIX socket named
 * by NOTIFY_SOCKET ('@' = abstract namespace). Written out instead of linking libsystemd: the
 * protocol is documented and stable, it is ~40 lines, and the kiosk then needs nothing from
 * systemd at run time (the same binary runs under --supervise on any init system). */
#include "crash/crash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/base.h"

void md_notify_init(md_notify *n)
{
    memset(n, 0, sizeof *n);
    n->fd = -1;
    const char *sock = getenv("NOTIFY_SOCKET");
    if (sock && (sock[0] == '/' || sock[0] == '@') && strlen(sock) < sizeof n->socket_path)
        snprintf(n->socket_path, sizeof n->socket_path, "%s", sock);
    const char *usec = getenv("WATCHDOG_USEC");
    const char *pid = getenv("WATCHDOG_PID");
    unsigned long long us = usec ? strtoull(usec, NULL, 10) : 0;
    /* WATCHDOG_PID names the process systemd watches; a child that is not it stays quiet. */
    if (pid && strtol(pid, NULL, 10) != (long)getpid())
        us = 0;
    n->interval_ns = us ? us * 1000ull / 4ull : 0;
}

void md_notify_close(md_notify *n)
{
    if (n->fd >= 0)
        close(n->fd);
    n->fd = -1;
}

int md_notify_send(md_notify *n, const char *state)
{
    if (!n->socket_path[0])
        return 0;
    if (n->fd < 0)
        n->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (n->fd < 0)
        return -1;
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    size_t len = strlen(n->socket_path);
    memcpy(addr.sun_path, n->socket_path, len);
    if (addr.sun_path[0] == '@')
        addr.sun_path[0] = '\0';
    socklen_t alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
    ssize_t w = sendto(n->fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&addr, alen);
    return w < 0 ? -1 : 0;
}

void md_notify_ready(md_notify *n)
{
    if (n->ready_sent)
        return;
    n->ready_sent = 1;
    md_notify_send(n, "READY=1");
}

void md_notify_alive(md_notify *n, uint64_t now_ns)
{
    if (!n->ready_sent || !n->interval_ns || !n->socket_path[0])
        return;
    if (n->last_ping_ns && now_ns - n->last_ping_ns < n->interval_ns)
        return;
    n->last_ping_ns = now_ns;
    md_notify_send(n, "WATCHDOG=1");
}
