# Accessibility: speech-log, touch-to-explore, keypad, high-contrast, large-text and low-reach runs
# (tests/a11y/run.sh) and md-a11y-lint, the contrast/size/reach check every scripted screen gets.
$(eval $(call md_program,md-a11y-lint,tests/tools/a11y_lint.c))
$(BUILD)/bin/md-a11y-lint: MD_LDLIBS += $(shell pkg-config --libs jansson)
$(BUILD)/obj/tests/tools/a11y_lint.o: MD_CFLAGS += $(shell pkg-config --cflags jansson)
MD_TEST_SCRIPTS += tests/a11y/run.sh
