# Menu plugin tests. The unit test and the fuzz target compile the plugin's sources directly, so
# they need Jansson too (ICU is already in MD_LDLIBS).
$(BUILD)/tests/test_menu $(BUILD)/tests/fuzz_menu_content: MD_LDLIBS += -ljansson
$(BUILD)/obj/tests/unit/test_menu.o $(BUILD)/obj/tests/fuzz/fuzz_menu_content.o: \
    $(wildcard plugins/menu/*.c plugins/menu/*.h common/hours/*.c common/hours/*.h common/roman/*.c common/roman/*.h common/vpath/*.h tests/lib/fake_host.c)
ifneq ($(wildcard runtime/app/module.mk),)
MD_TEST_SCRIPTS += tests/menu/run.sh
endif
