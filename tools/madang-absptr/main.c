/* madang-absptr: turns an absolute pointer (a USB touch panel in mouse mode, QEMU's usb-tablet)
 * into a single-touch touchscreen through uinput. SDL 2.26's KMS/DRM input path passes such a
 * device's raw ABS_X/ABS_Y (0..32767) as window pixels, clamped to the corner; as a touchscreen
 * it is scaled to the screen. The kiosk image starts one per device from a udev rule.
 *   madang-absptr /dev/input/eventN   (exits 0 at once when the device is not such a pointer)
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <linux/uinput.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define BITS_PER_LONG_ (8 * sizeof(unsigned long))
#define NLONGS_(n) (((n) + BITS_PER_LONG_ - 1) / BITS_PER_LONG_)

static int test_bit_(const unsigned long *bits, unsigned bit)
{
    return (bits[bit / BITS_PER_LONG_] >> (bit % BITS_PER_LONG_)) & 1ul;
}

/* 1 when the device has absolute X and Y, a left button and no relative axes. */
static int is_abs_pointer(int fd)
{
    unsigned long abs_bits[NLONGS_(ABS_CNT)] = {0};
    unsigned long key_bits[NLONGS_(KEY_CNT)] = {0};
    unsigned long rel_bits[NLONGS_(REL_CNT)] = {0};
    if (ioctl(fd, EVIOCGBIT(EV_ABS, sizeof abs_bits), abs_bits) < 0 ||
        ioctl(fd, EVIOCGBIT(EV_KEY, sizeof key_bits), key_bits) < 0)
        return 0;
    if (ioctl(fd, EVIOCGBIT(EV_REL, sizeof rel_bits), rel_bits) < 0)
        memset(rel_bits, 0, sizeof rel_bits);
    return test_bit_(abs_bits, ABS_X) && test_bit_(abs_bits, ABS_Y) &&
           test_bit_(key_bits, BTN_LEFT) && !test_bit_(key_bits, BTN_TOUCH) &&
           !test_bit_(rel_bits, REL_X) && !test_bit_(abs_bits, ABS_MT_SLOT);
}

static int emit(int fd, unsigned short type, unsigned short code, int value)
{
    struct input_event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.code = code;
    ev.value = value;
    return write(fd, &ev, sizeof ev) == (ssize_t)sizeof ev ? 0 : -1;
}

/* The uinput touchscreen with the source's axis ranges. Returns its fd or -1. */
static int create_touch(const char *src_name, const struct input_absinfo *ax,
                        const struct input_absinfo *ay)
{
    int ufd = open("/dev/uinput", O_WRONLY | O_CLOEXEC);
    if (ufd < 0) {
        fprintf(stderr, "madang-absptr: /dev/uinput: %s\n", strerror(errno));
        return -1;
    }
    struct uinput_setup setup;
    memset(&setup, 0, sizeof setup);
    setup.id.bustype = BUS_VIRTUAL;
    setup.id.vendor = 0x6d64; /* "md" */
    setup.id.product = 0x0001;
    snprintf(setup.name, sizeof setup.name, "Madang touch (%s)", src_name);
    struct uinput_abs_setup sx, sy;
    memset(&sx, 0, sizeof sx);
    memset(&sy, 0, sizeof sy);
    sx.code = ABS_X;
    sx.absinfo = *ax;
    sy.code = ABS_Y;
    sy.absinfo = *ay;
    if (ioctl(ufd, UI_SET_EVBIT, EV_KEY) < 0 || ioctl(ufd, UI_SET_KEYBIT, BTN_TOUCH) < 0 ||
        ioctl(ufd, UI_SET_EVBIT, EV_ABS) < 0 || ioctl(ufd, UI_SET_ABSBIT, ABS_X) < 0 ||
        ioctl(ufd, UI_SET_ABSBIT, ABS_Y) < 0 || ioctl(ufd, UI_SET_EVBIT, EV_SYN) < 0 ||
        ioctl(ufd, UI_SET_PROPBIT, INPUT_PROP_DIRECT) < 0 || ioctl(ufd, UI_ABS_SETUP, &sx) < 0 ||
        ioctl(ufd, UI_ABS_SETUP, &sy) < 0 || ioctl(ufd, UI_DEV_SETUP, &setup) < 0 ||
        ioctl(ufd, UI_DEV_CREATE) < 0) {
        fprintf(stderr, "madang-absptr: cannot create the touchscreen: %s\n", strerror(errno));
        close(ufd);
        return -1;
    }
    return ufd;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: madang-absptr /dev/input/eventN\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "madang-absptr: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    char name[200] = "";
    if (ioctl(fd, EVIOCGNAME(sizeof name - 1), name) < 0)
        snprintf(name, sizeof name, "%s", argv[1]);
    if (!is_abs_pointer(fd)) {
        close(fd);
        return 0;
    }
    struct input_absinfo ax, ay;
    memset(&ax, 0, sizeof ax);
    memset(&ay, 0, sizeof ay);
    if (ioctl(fd, EVIOCGABS(ABS_X), &ax) < 0 || ioctl(fd, EVIOCGABS(ABS_Y), &ay) < 0) {
        fprintf(stderr, "madang-absptr: %s: no axis ranges: %s\n", argv[1], strerror(errno));
        return 1;
    }
    int ufd = create_touch(name, &ax, &ay);
    if (ufd < 0)
        return 1;
    /* Exclusive: the pointer's own events no longer reach SDL, only the touchscreen's. */
    if (ioctl(fd, EVIOCGRAB, 1) < 0)
        fprintf(stderr, "madang-absptr: %s: cannot grab it: %s\n", argv[1], strerror(errno));
    fprintf(stderr, "madang-absptr: %s (%s) is now a touchscreen\n", argv[1], name);
    struct input_event ev[64];
    for (;;) {
        ssize_t n = read(fd, ev, sizeof ev);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; /* the device went away (ENODEV): udev stops this service too */
        for (size_t i = 0; i < (size_t)n / sizeof ev[0]; i++) {
            const struct input_event *e = &ev[i];
            int rc = 0;
            if (e->type == EV_ABS && (e->code == ABS_X || e->code == ABS_Y))
                rc = emit(ufd, EV_ABS, e->code, e->value);
            else if (e->type == EV_KEY && e->code == BTN_LEFT)
                rc = emit(ufd, EV_KEY, BTN_TOUCH, e->value ? 1 : 0);
            else if (e->type == EV_SYN && e->code == SYN_REPORT)
                rc = emit(ufd, EV_SYN, SYN_REPORT, 0);
            if (rc < 0) {
                fprintf(stderr, "madang-absptr: writing to uinput: %s\n", strerror(errno));
                return 1;
            }
        }
    }
    ioctl(ufd, UI_DEV_DESTROY);
    close(ufd);
    close(fd);
    return 0;
}
