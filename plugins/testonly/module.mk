# Test-only plugins (ABI mismatches, a failing init), built into $(BUILD)/test-plugins/ next to a
# copy of the example plugin, never into the plugin directory `make run` loads.
MD_TEST_PLUGINS := $(patsubst plugins/testonly/%.c,$(BUILD)/test-plugins/%.so,$(wildcard plugins/testonly/*.c)) \
                   $(BUILD)/test-plugins/example.so

$(BUILD)/test-plugins/%.so: $(BUILD)/obj/plugins/testonly/%.o
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

MD_ALL += $(MD_TEST_PLUGINS) $(BUILD)/e2e-plugins/example.so
