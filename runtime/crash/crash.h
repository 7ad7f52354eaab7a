/* Crash-only process model (docs/OPERATIONS.md): the host records which plugin callback runs
 * before each call; a fatal-signal handler and a watchdog thread append that to an append-only
 * crash journal in storage; at start the journal decides which plugins are quarantined; the
 * systemd notify protocol reports readiness and liveness.
 *
 * Process-wide state: the signal handler can only reach globals, so the active callback, the
 * journal's file descriptor and the watchdog live in crash.c (the one documented exception to
 * STYLE.md 7, like base's log sink). Everything else (reading the journal, deciding quarantine,
 * notify) works on values passed in.
 */
#ifndef MD_CRASH_H
#define MD_CRASH_H

#include <stddef.h>
#include <stdint.h>

/* Which callback of a plugin is running. Value 0 = none. */
typedef enum md_crash_cb {
    MD_CB_NONE = 0,
    MD_CB_INIT,
    MD_CB_ENTER,
    MD_CB_FRAME,
    MD_CB_LOCALE,
    MD_CB_CONTENT,
    MD_CB_RESET,
    MD_CB_SHUTDOWN,
    MD_CB_COUNT
} md_crash_cb;

const char *md_crash_cb_name(md_crash_cb cb); /* "init", "frame", ... ("-" for none) */

/* A plugin as the journal knows it: a new version string or another file hash is another
 * plugin, which is how a new version lifts a quarantine. Fixed-size so the signal handler can
 * copy it without allocating. */
typedef struct md_crash_ident {
    char id[129];
    char version[65];
    char hash[33]; /* first 16 bytes of the .so's BLAKE2b (libsodium), hex */
} md_crash_ident;

/* Fills who from id, version (NULL = "?") and the hash of the file at so_path. 0, or -1 (logged)
 * when the file cannot be read; the hash is then "-". */
int md_crash_ident_fill(md_crash_ident *who, const char *id, const char *version,
                        const char *so_path);

/* ------------------------------------------------------------ the guard (process-wide) */

typedef struct md_crash_settings {
    const char *journal_path; /* appended to; its folder is created */
    int callback_deadline_ms; /* enter, frame, locale, content, reset, shutdown; 0 = 2000 */
    int init_deadline_ms;     /* init; 0 = 10000 */
    int term_grace_ms;        /* after SIGTERM with a callback stuck: exit after this; 0 = 500 */
} md_crash_settings;

/* Opens the journal, installs the fatal-signal handlers (SIGSEGV, SIGBUS, SIGILL, SIGFPE,
 * SIGABRT, on an alternate stack) and starts the watchdog thread. 0, or -1 (logged; the kiosk
 * runs unguarded). Calling it again replaces the settings. */
int md_crash_install(const md_crash_settings *settings);
/* Stops the watchdog, restores the default handlers and closes the journal. */
void md_crash_uninstall(void);

/* Before and after every plugin callback (host.c). who must stay valid while loaded. Cheap:
 * three atomic stores. */
void md_crash_enter(const md_crash_ident *who, md_crash_cb cb);
void md_crash_leave(void);

/* Async-signal-safe: the SIGTERM handler calls this so the watchdog can stop a kiosk whose main
 * thread is stuck in a plugin (the loop would never see its flag). */
void md_crash_note_term(void);

/* Appends a record now (not from a signal handler): kind is "crash", "quarantine" or "lift";
 * reason is free text without tabs or newlines. who may be NULL (the runtime itself). */
int md_crash_journal_append(const char *journal_path, const char *kind, const md_crash_ident *who,
                            md_crash_cb cb, const char *reason);

/* ------------------------------------------------------------ reading the journal */

/* One line of the journal: "<unix_s>\t<kind>\t<id>\t<version>\t<hash>\t<callback>\t<reason>". */
typedef struct md_crash_record {
    int64_t when_s;
    char kind[16];
    md_crash_ident who;
    char callback[16];
    char reason[160];
} md_crash_record;

typedef struct md_crash_journal {
    md_crash_record *items;
    int n;
    int n_bad; /* lines that did not parse (logged with file:line, skipped) */
} md_crash_journal;

/* Parses journal text (name for messages). 0, or -1 on allocation failure. */
int md_crash_journal_parse(md_crash_journal *j, const char *text, size_t n_bytes, const char *name);
/* Reads the journal file (bounded; a missing file is an empty journal). */
int md_crash_journal_load(md_crash_journal *j, const char *path);
/* Keeps the journal small over years of crash loops: when the file is above max_bytes, rewrites it
 * (a temporary file, then rename) with every quarantine and lift record and the newest keep_crashes
 * crash records, in order. Returns the number of records dropped (logged), 0, or -1. Call before
 * md_crash_journal_load, at start, before anything appends. */
int md_crash_journal_compact(const char *path, size_t max_bytes, int keep_crashes);
void md_crash_journal_free(md_crash_journal *j);

/* The quarantine rule: who is quarantined when the journal has a quarantine record for exactly
 * this id, version and hash that no later lift undoes, or n_crashes crash records for it within
 * window_s seconds before now_s (after its last lift). why receives the reason ("3 crashes in
 * 10 min, last: SIGSEGV in frame"). Returns 1 quarantined, 0 not, and sets *fresh to 1 when the
 * quarantine is decided now (the caller appends a quarantine record). */
int md_crash_quarantined(const md_crash_journal *j, const md_crash_ident *who, int64_t now_s,
                         int n_crashes, int window_s, int *fresh, char *why, size_t why_cap);

/* ------------------------------------------------------------ systemd notify */

/* The NOTIFY_SOCKET datagram protocol (sd_notify(3)), written out rather than linking
 * libsystemd: ~40 lines, the same on systemd and non-systemd images, and testable by binding the
 * socket. A no-op when NOTIFY_SOCKET is unset. */
typedef struct md_notify {
    int fd; /* -1 until the first send */
    int ready_sent;
    uint64_t interval_ns; /* WATCHDOG=1 at most this often (WATCHDOG_USEC / 4); 0 = off */
    uint64_t last_ping_ns;
    char socket_path[108]; /* empty = off */
} md_notify;

void md_notify_init(md_notify *n); /* reads NOTIFY_SOCKET and WATCHDOG_USEC */
void md_notify_close(md_notify *n);
int md_notify_send(md_notify *n, const char *state); /* "READY=1", "STOPPING=1", ... */
/* READY=1 once (after the first frame is on screen). */
void md_notify_ready(md_notify *n);
/* The main loop advanced: WATCHDOG=1 when due. Never called from the watchdog thread, so a stuck
 * callback stops the pings and systemd's WatchdogSec restarts the kiosk. */
void md_notify_alive(md_notify *n, uint64_t now_ns);

/* ------------------------------------------------------------ memory */

/* Resident set size of this process in bytes (from /proc/self/statm), 0 if unknown. */
uint64_t md_crash_rss_bytes(void);

#endif /* MD_CRASH_H */
