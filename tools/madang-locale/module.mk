# madang-locale: the staff tool for locale packs (lint, stats, update, preview). See docs/LOCALES.md.
# It reads the semantic trees of the scripted runs with Jansson and lays out translations with the
# real text engine for the width check.
$(eval $(call md_program,madang-locale,tools/madang-locale/main.c))
$(BUILD)/bin/madang-locale: MD_LDLIBS += $(shell pkg-config --libs jansson)
$(BUILD)/obj/tools/madang-locale/main.o: MD_CFLAGS += $(shell pkg-config --cflags jansson)
