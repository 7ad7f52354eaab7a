/* Test-only fault plugin: loops forever in frame (tests/crash). Before it loops it sends
 * "X-MADANG-STUCK=1" to NOTIFY_SOCKET when that is set, so the notify test can see that no
 * WATCHDOG=1 follows while it is stuck (datagrams from one process arrive in order). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <madang/plugin.h>

static int init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    (void)ctx;
    (void)host;
    *state = 0;
    return 0;
}

static void tell_stuck(void)
{
    const char *path = getenv("NOTIFY_SOCKET");
    if (!path || !path[0] || strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path))
        return;
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    if (fd < 0)
        return;
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    memcpy(a.sun_path, path, strlen(path));
    if (a.sun_path[0] == '@')
        a.sun_path[0] = '\0';
    static const char msg[] = "X-MADANG-STUCK=1";
    sendto(fd, msg, sizeof msg - 1, 0, (struct sockaddr *)&a,
           (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path)));
    close(fd);
}

static void frame(void *state)
{
    (void)state;
    tell_stuck();
    volatile unsigned long spin = 0;
    for (;;)
        spin++;
}
static void reset(void *state)
{
    (void)state;
}

static const md_plugin_desc k_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = 0,
    .id = "org.madang.test.loopframe",
    .version = "1",
    .title = "Loop in frame",
    .init = init,
    .frame = frame,
    .reset = reset,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
