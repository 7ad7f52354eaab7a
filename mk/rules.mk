# The real build rules. Each module adds itself in a module.mk next to its sources:
#   MD_LIB_SRCS   += runtime/x/x.c                  (linked into libmadang.a)
#   MD_ALL        += $(BUILD)/bin/tool              (built by `make`; give it a rule)
#   $(eval $(call md_program,NAME,SRCS))            builds $(BUILD)/bin/NAME from SRCS + libmadang
#   $(eval $(call md_plugin,NAME))                  builds $(BUILD)/plugins/NAME.so from
#                                                   plugins/NAME/*.c (extra libs: NAME_LIBS)
#   MD_TEST_SCRIPTS += tests/x/run.sh               (run by `make test`; must print
#                                                   "N passed, N failed" as its last line)
#   MD_BENCHES    += $(BUILD)/bin/bench-x           (run by `make bench`; bench/<x>/module.mk)
# Unit tests are found by name: tests/unit/test_<module>.c; fuzz targets: tests/fuzz/fuzz_<x>.c.

.DEFAULT_GOAL := all
MD_SAN ?=
ifeq ($(MD_SAN),asan)
BUILD := build-asan
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD ?= build
SANFLAGS :=
endif

CC ?= cc
PKGS := sdl2 SDL2_image icu-uc icu-i18n harfbuzz freetype2 libcurl libsodium libqrencode
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))
# Where the runtime finds fonts/, locales/ and sample content in a development tree.
MD_DATA_DIR ?= $(CURDIR)

WARN := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wstrict-prototypes -Wvla
CFLAGS ?= -O2 -g
MD_CFLAGS := -std=c11 -D_GNU_SOURCE -fPIC $(WARN) $(SANFLAGS) -Iinclude -Iruntime \
             -DMD_DATA_DIR='"$(MD_DATA_DIR)"' $(PKG_CFLAGS)
# Plugins see only the public header.
MD_PLUGIN_CFLAGS := -std=c11 -D_GNU_SOURCE -fPIC -fvisibility=hidden $(WARN) $(SANFLAGS) -Iinclude
MD_LDLIBS := $(PKG_LIBS) -ldl -lpthread -lm

MD_LIB := $(BUILD)/libmadang.a
MD_LIB_SRCS :=
MD_ALL :=
MD_TEST_SCRIPTS :=
MD_BENCHES :=

md_objs = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))

define md_program
$(BUILD)/bin/$(1): $$(call md_objs,$(2)) $$(MD_LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(SANFLAGS) $$(LDFLAGS) -o $$@ $$^ $$(MD_LDLIBS)
MD_ALL += $(BUILD)/bin/$(1)
endef

define md_plugin
$(BUILD)/plugins/$(1).so: $$(call md_objs,$$(wildcard plugins/$(1)/*.c))
	@mkdir -p $$(@D)
	$$(CC) -shared $$(SANFLAGS) $$(LDFLAGS) -o $$@ $$^ $$($(1)_LIBS)
MD_ALL += $(BUILD)/plugins/$(1).so
endef

MD_LIB_SRCS += runtime/base/base.c
include $(sort $(wildcard runtime/*/module.mk tools/*/module.mk plugins/*/module.mk backend/*/module.mk) \
               $(wildcard tests/*/module.mk bench/*/module.mk))

MD_UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
MD_FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
MD_FUZZ_SMOKE := $(patsubst tests/fuzz/%.c,$(BUILD)/tests/%,$(MD_FUZZ_SRCS))

.PHONY: all run test bench check-asan fuzz
.SECONDARY:
all: $(MD_ALL) $(BUILD)/bin/md-imgdiff

$(BUILD)/obj/plugins/%.o: plugins/%.c include/madang/plugin.h
	@mkdir -p $(@D)
	$(CC) $(MD_PLUGIN_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(MD_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(MD_LIB): $(call md_objs,$(MD_LIB_SRCS))
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/tests/test_%: $(BUILD)/obj/tests/unit/test_%.o $(MD_LIB)
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(MD_LDLIBS)

# Fuzz targets also build as plain programs that replay a fixed pseudo-random corpus, so every
# `make test` exercises them; `make fuzz` runs them under libFuzzer.
$(BUILD)/tests/fuzz_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o $(BUILD)/obj/tests/fuzz/driver.o $(MD_LIB)
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(MD_LDLIBS)

$(eval $(call md_program,md-imgdiff,tests/tools/imgdiff.c))

test: all $(MD_UNIT_TESTS) $(MD_FUZZ_SMOKE)
	@MD_BUILD=$(BUILD) sh tests/run-all.sh $(MD_UNIT_TESTS) $(MD_FUZZ_SMOKE) $(MD_TEST_SCRIPTS)
ifneq ($(MD_SAN),asan)
ifneq ($(MD_TEST_ASAN),0)
	@$(MAKE) --no-print-directory MD_SAN=asan test
endif
endif

check-asan:
	@$(MAKE) --no-print-directory MD_SAN=asan MD_TEST_ASAN=0 test

bench: all $(MD_BENCHES)
	@for b in $(MD_BENCHES); do MD_BUILD=$(BUILD) $$b || exit 1; done

fuzz:
	@MD_LIB_SRCS="$(MD_LIB_SRCS)" sh tests/fuzz/run-libfuzzer.sh $(MD_FUZZ_SRCS)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
