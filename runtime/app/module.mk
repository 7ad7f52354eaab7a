# The madang program. Everything but main.c goes into libmadang so unit tests can link it.
MD_LIB_SRCS += runtime/app/script.c runtime/app/script_run.c runtime/app/app.c runtime/app/flow.c \
               runtime/app/platform_sdl.c runtime/app/bench.c runtime/app/app_sync.c
$(eval $(call md_program,madang,runtime/app/main.c))


# The window has config/dev.conf's size (width, height: 1920x1080, the kiosk's screen); on a
# smaller display give another, e.g. `make run MD_RUN_SIZE=1280x800`. The demo talks to the hub
# test double, which tools/run-with-hub.sh starts and stops (docs/DATAHUB.md), and books shuttle
# seats through a local booking service that tools/run-with-booking.sh starts and stops
# (docs/SHUTTLE.md).
run: all
	sh tools/run-with-hub.sh $(BUILD) sh tools/run-with-booking.sh $(BUILD) \
	    $(BUILD)/bin/madang --windowed $(MD_RUN_SIZE) --config config/dev.conf
