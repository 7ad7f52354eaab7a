# Courseware tests. The unit tests and the fuzz target compile the plugin's sources directly, so
# they need Jansson too.
$(BUILD)/tests/test_courseware_learn $(BUILD)/tests/test_courseware_code \
$(BUILD)/tests/test_courseware_content $(BUILD)/tests/test_courseware_plugin \
$(BUILD)/tests/fuzz_courseware_content: MD_LDLIBS += -ljansson
$(BUILD)/obj/tests/unit/test_courseware_%.o $(BUILD)/obj/tests/fuzz/fuzz_courseware_%.o: $(wildcard plugins/courseware/*.c plugins/courseware/*.h common/roman/*.c common/roman/*.h common/vpath/*.h common/parena/*.h)
ifneq ($(wildcard runtime/app/module.mk),)
MD_TEST_SCRIPTS += tests/courseware/run.sh
endif
