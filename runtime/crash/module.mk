# Crash-only process model: crash journal, fatal-signal handler, watchdog, quarantine rule and the
# systemd notify protocol (crash.h, docs/OPERATIONS.md).
MD_LIB_SRCS += runtime/crash/guard.c runtime/crash/journal.c runtime/crash/notify.c
