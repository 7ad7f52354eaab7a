MD_TEST_SCRIPTS += tests/locale/run.sh
