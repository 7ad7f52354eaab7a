# The madang program. Everything but main.c goes into libmadang so unit tests can link it.
MD_LIB_SRCS += runtime/app/config.c runtime/app/script.c runtime/app/app.c
$(eval $(call md_program,madang,runtime/app/main.c))

# Until i18n lands on main, a private stand-in keeps madang linkable; it drops out by itself
# as soon as runtime/i18n/ holds a .c file.
ifeq ($(wildcard runtime/i18n/*.c),)
MD_LIB_SRCS += runtime/app/standin_i18n.c
endif

run: all
	$(BUILD)/bin/madang --windowed 1280x800 --config config/dev.conf
