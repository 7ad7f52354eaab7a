/* The built-in supervisor, `madang --supervise ARGS...` (docs/OPERATIONS.md): runs the kiosk as a
 * child and restarts it after a crash or a non-zero exit with a short growing back-off, for
 * development, tests and init systems without systemd. It passes SIGTERM on and exits when the
 * child exits 0. Headless (--headless in ARGS) a crash reruns the script, the script's own
 * failure (exit 1) passes straight through, and it gives up after a bounded number of restarts.
 */
#ifndef MD_SUPERVISE_H
#define MD_SUPERVISE_H

/* Exit statuses the kiosk uses towards its supervisor. */
enum {
    MD_EXIT_OK = 0,
    MD_EXIT_FAILURE = 1, /* headless: the script failed (FILE:LINE on stderr) */
    MD_EXIT_USAGE = 2,   /* bad command line: never restarted */
    MD_EXIT_RESTART = 75 /* a clean restart was asked for (RSS ceiling, staff "Restart kiosk") */
};

/* Supervises `exe ARGS...` (args[0..n_args), without the program name). Returns the exit status
 * for the supervisor itself. Limits come from the environment: MD_SUPERVISE_MAX_RESTARTS
 * (consecutive restarts before giving up; default 10), MD_SUPERVISE_BACKOFF_MS (the first delay;
 * default 100, doubling up to 10 s, back to the first after a child ran 60 s). */
int md_supervise(const char *exe, int n_args, char **args);

#endif /* MD_SUPERVISE_H */
