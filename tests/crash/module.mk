# Crash-only tests: fault plugins under the supervisor, quarantine, the notify protocol, SIGTERM
# during a hang, bad input files, fonts.conf with a bad line, hot reload in two steps.
$(eval $(call md_program,md-notify-listen,tests/crash/notify_listen.c))
MD_TEST_SCRIPTS += tests/crash/run.sh tests/crash/bad_input.sh
