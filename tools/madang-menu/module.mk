# madang-menu: a restaurant owner's CSV template -> validated menu content and a PO template
# (docs/MENU.md). It compiles the menu plugin's own parser and validator (plugins/menu), so an
# import is refused exactly when the kiosk would refuse it.
$(eval $(call md_program,madang-menu,tools/madang-menu/main.c tools/madang-menu/csv.c))
$(BUILD)/bin/madang-menu: MD_LDLIBS += -ljansson
$(BUILD)/obj/tools/madang-menu/main.o: $(wildcard plugins/menu/*.c plugins/menu/*.h common/hours/*.c common/roman/*.c)
