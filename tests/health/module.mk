# Health guide tests. The unit tests and the fuzz target compile the plugin's sources directly,
# so they also need Jansson (ICU is already in MD_LDLIBS).
$(BUILD)/tests/test_health_hours $(BUILD)/tests/test_health_content $(BUILD)/tests/test_health_plugin \
$(BUILD)/tests/fuzz_health_content: MD_LDLIBS += -ljansson
$(BUILD)/obj/tests/unit/test_health_%.o $(BUILD)/obj/tests/fuzz/fuzz_health_%.o: $(wildcard plugins/health/*.c plugins/health/*.h)
