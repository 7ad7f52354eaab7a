# Health guide tests. The unit tests and the fuzz target compile the plugin's sources directly,
# so they also need Jansson (ICU is already in MD_LDLIBS).
$(BUILD)/tests/test_health_hours $(BUILD)/tests/test_health_content $(BUILD)/tests/test_health_plugin \
$(BUILD)/tests/fuzz_health_content: MD_LDLIBS += -ljansson
$(BUILD)/obj/tests/unit/test_health_%.o $(BUILD)/obj/tests/fuzz/fuzz_health_%.o: $(wildcard plugins/health/*.c plugins/health/*.h common/hours/*.c common/hours/*.h common/vpath/*.h common/parena/*.h)
# Scripted end-to-end runs need the kiosk program (runtime/app); they join `make test` as soon as
# the runtime is in the tree.
ifneq ($(wildcard runtime/app/module.mk),)
MD_TEST_SCRIPTS += tests/health/run.sh
endif
