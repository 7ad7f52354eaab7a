# madang-locale: the staff tool for locale packs (lint, stats, update, preview), one file per
# subcommand. See docs/LOCALES.md. It reads the semantic trees of the scripted runs with Jansson
# (trees.c), lays out translations with the real text engine for the width check (lint.c) and
# reads plugin ids from the built plugins' descriptors (update.c, dlopen).
MD_LOCALE_TOOL_SRCS := $(wildcard tools/madang-locale/*.c)
$(eval $(call md_program,madang-locale,$(MD_LOCALE_TOOL_SRCS)))
$(BUILD)/bin/madang-locale: MD_LDLIBS += $(shell pkg-config --libs jansson)
$(BUILD)/obj/tools/madang-locale/trees.o: MD_CFLAGS += $(shell pkg-config --cflags jansson)
$(BUILD)/obj/tools/madang-locale/content.o: MD_CFLAGS += $(shell pkg-config --cflags jansson)
