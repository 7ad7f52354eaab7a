# The madang program. Everything but main.c goes into libmadang so unit tests can link it.
MD_LIB_SRCS += runtime/app/config.c runtime/app/script.c runtime/app/app.c
$(eval $(call md_program,madang,runtime/app/main.c))


run: all
	$(BUILD)/bin/madang --windowed 1280x800 --config config/dev.conf
