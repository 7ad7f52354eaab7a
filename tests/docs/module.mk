# What a new user runs first: the README's commands and the dependency check (tests/docs/run.sh).
MD_TEST_SCRIPTS += tests/docs/run.sh
