# The madang program. Everything but main.c goes into libmadang so unit tests can link it.
MD_LIB_SRCS += runtime/app/script.c runtime/app/script_run.c runtime/app/app.c runtime/app/flow.c \
               runtime/app/platform_sdl.c runtime/app/bench.c runtime/app/staff_screen.c
$(eval $(call md_program,madang,runtime/app/main.c))


run: all
	$(BUILD)/bin/madang --windowed 1280x800 --config config/dev.conf
