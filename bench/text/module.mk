# bench-text: layout time per language (cold and warm) and a warm 1920x1080 redraw of 40 labels.
$(eval $(call md_program,bench-text,bench/text/bench_text.c))
MD_BENCHES += $(BUILD)/bin/bench-text
