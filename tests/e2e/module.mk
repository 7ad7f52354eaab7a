# Scripted end-to-end tests of the whole kiosk (tests/e2e/*.script, golden screens).
MD_TEST_SCRIPTS += tests/e2e/run.sh
