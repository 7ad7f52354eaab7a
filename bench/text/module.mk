# bench-text: layout time per language (cold and warm) and a warm 1920x1080 redraw of 40 labels.
$(eval $(call md_program,bench-text,bench/text/bench_text.c))
MD_BENCHES += $(BUILD)/bin/bench-text
# With Pango installed (`make bench` installs libpango1.0-dev), bench-text also times Pango on the
# same texts and prints madang/Pango ratios. Bench only: the runtime never links Pango.
ifeq ($(shell pkg-config --exists pangoft2 && echo yes),yes)
$(BUILD)/obj/bench/text/bench_text.o: MD_CFLAGS += -DMD_HAVE_PANGO $(shell pkg-config --cflags pangoft2)
$(BUILD)/bin/bench-text: MD_LDLIBS += $(shell pkg-config --libs pangoft2)
endif
