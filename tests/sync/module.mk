# Sync against a real nginx on loopback (tests/sync/run.sh): publishing, the TUF attacks, network
# faults, resume, kill -9 at random points, and the headless kiosk picking up a new release.
MD_TEST_SCRIPTS += tests/sync/run.sh
