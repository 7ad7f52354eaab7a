# Test-only plugins (ABI mismatches, a failing init), built into $(BUILD)/test-plugins/ next to a
# copy of the example plugin, never into the plugin directory `make run` loads.
# The fault plugins (fault_*.c: segfaults, a hang, an abort in init, a leak, garbage sizes) go to
# $(BUILD)/fault-plugins/, one per test run in tests/crash (they would crash any other run).
MD_TEST_PLUGIN_SRCS := $(filter-out plugins/testonly/fault_%.c,$(wildcard plugins/testonly/*.c))
MD_TEST_PLUGINS := $(patsubst plugins/testonly/%.c,$(BUILD)/test-plugins/%.so,$(MD_TEST_PLUGIN_SRCS)) \
                   $(BUILD)/test-plugins/example.so
MD_FAULT_PLUGINS := $(patsubst plugins/testonly/%.c,$(BUILD)/fault-plugins/%.so,$(wildcard plugins/testonly/fault_*.c))

$(BUILD)/test-plugins/%.so: $(BUILD)/obj/plugins/testonly/%.o
	@mkdir -p $(@D)
	$(CC) -shared $(SANFLAGS) $(LDFLAGS) -o $@ $^

$(BUILD)/fault-plugins/%.so: $(BUILD)/obj/plugins/testonly/%.o
	@mkdir -p $(@D)
	$(CC) -shared $(SANFLAGS) $(LDFLAGS) -o $@ $^

$(BUILD)/test-plugins/example.so: $(BUILD)/plugins/example.so
	@mkdir -p $(@D)
	cp $< $@

# The scripted e2e tests load only the example plugin, so other teams' plugins do not change their
# golden screens.
$(BUILD)/e2e-plugins/example.so: $(BUILD)/plugins/example.so
	@mkdir -p $(@D)
	cp $< $@

MD_ALL += $(MD_TEST_PLUGINS) $(MD_FAULT_PLUGINS) $(BUILD)/e2e-plugins/example.so

# newer_header.so is built against a generated plugin.h one minor newer than include/ (one more
# md_host field): the old-host/new-plugin test of tests/unit/test_host.c.
$(BUILD)/newer-include/madang/plugin.h: include/madang/plugin.h plugins/testonly/module.mk
	@mkdir -p $(@D)
	awk '/^#define MD_PLUGIN_ABI_MINOR /{print "#define MD_PLUGIN_ABI_MINOR " ($$3 + 1); next} \
	     /^} md_host;/{print "    /* --- since the next minor (generated for a test) --- */"; \
	                   print "    void (*ui_from_the_future)(md_plugin_ctx *ctx, const char *text);"} \
	     {print}' $< > $@

$(BUILD)/obj/plugins/testonly/newer_header.o: plugins/testonly/newer_header.c \
                                             $(BUILD)/newer-include/madang/plugin.h
	@mkdir -p $(@D)
	$(CC) -I$(BUILD)/newer-include $(MD_PLUGIN_CFLAGS) $(CFLAGS) -c -o $@ $<
