# madang-locale: the staff tool for locale packs (lint, stats, update). See docs/LOCALES.md.
MD_LOCALE_SRCS := tools/madang-locale/main.c tools/madang-locale/json.c
$(eval $(call md_program,madang-locale,$(MD_LOCALE_SRCS)))
# The width check needs the text engine; it is compiled in once runtime/text has sources.
ifneq ($(wildcard runtime/text/*.c),)
$(BUILD)/obj/tools/madang-locale/main.o: MD_CFLAGS += -DMD_HAVE_TEXT_ENGINE
$(BUILD)/obj/tools/madang-locale/main.o: $(wildcard runtime/text/*.c)
endif
