# Health guide plugin: builds build/plugins/health.so from plugins/health/*.c (opening hours come
# from common/hours, shared with the menu plugin). Jansson parses the content JSON; ICU gives
# Asia/Seoul local time and language names.
$(eval $(call md_plugin,health))
health_LIBS = -ljansson $(shell pkg-config --libs icu-i18n icu-uc) -lm
$(BUILD)/obj/plugins/health/hours.o: common/hours/hours.c common/hours/hours.h
