# Golden-image tests of the text engine (rendered by madang-text, compared by md-imgdiff).
MD_TEST_SCRIPTS += tests/text/run-golden.sh
