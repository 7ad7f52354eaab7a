MD_TEST_SCRIPTS += tests/locale/run.sh tests/locale/e2e.sh
