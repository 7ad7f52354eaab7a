# Data hub tests against the hub test double: the kiosk end to end with a test-only plugin that
# uses ABI 1.3's HTTP, hub query and event count (tests/hub/run.sh). The unit tests of runtime/net
# and runtime/hub are tests/unit/test_hub.c.
$(BUILD)/obj/tests/hub/hubprobe.o: tests/hub/hubprobe.c include/madang/plugin.h
	@mkdir -p $(@D)
	$(CC) $(MD_PLUGIN_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<
$(BUILD)/hub-plugins/hubprobe.so: $(BUILD)/obj/tests/hub/hubprobe.o
	@mkdir -p $(@D)
	$(CC) -shared $(SANFLAGS) $(LDFLAGS) -o $@ $^
MD_ALL += $(BUILD)/hub-plugins/hubprobe.so
MD_TEST_SCRIPTS += tests/hub/run.sh
