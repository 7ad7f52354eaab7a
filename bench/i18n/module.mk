# `make bench`: language switching on the home screen (needs the runtime's app module).
ifneq ($(wildcard runtime/app/app.h),)
$(eval $(call md_program,bench-i18n,bench/i18n/bench_switch.c))
MD_BENCHES += $(BUILD)/bin/bench-i18n
endif
