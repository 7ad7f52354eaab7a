# Menu plugin (너나들이): builds build/plugins/menu.so from plugins/menu/*.c. Opening hours come
# from common/hours (shared with the health guide), romanization from common/roman (shared with
# courseware). Jansson parses menu.json; ICU gives the content's local time.
$(eval $(call md_plugin,menu))
menu_LIBS = -ljansson $(shell pkg-config --libs icu-i18n icu-uc) -lm
$(BUILD)/obj/plugins/menu/hours.o: common/hours/hours.c common/hours/hours.h
$(BUILD)/obj/plugins/menu/roman.o: common/roman/roman.c common/roman/roman.h
