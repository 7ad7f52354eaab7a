# `make bench`: the menu plugin's figures (bench/menu/run.sh): content load of 50 restaurants with
# 40 dishes each, and frame p99 while scrolling a 40-dish menu against the home screen's.
$(eval $(call md_program,bench-menu,bench/menu/bench_menu.c))
$(BUILD)/bin/bench-menu: MD_LDLIBS += -ljansson
$(BUILD)/obj/bench/menu/bench_menu.o: $(wildcard plugins/menu/*.c plugins/menu/*.h common/hours/*.c common/roman/*.c)
MD_BENCHES += bench/menu/run.sh
