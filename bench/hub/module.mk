# `make bench`: the data hub client against the hub test double (bench/hub/bench_hub.c).
$(eval $(call md_program,bench-hub,bench/hub/bench_hub.c))
MD_BENCHES += $(BUILD)/bin/bench-hub
