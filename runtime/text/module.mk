# The multilingual text engine (runtime/text/text.h), linked into libmadang.
MD_LIB_SRCS += runtime/text/text.c runtime/text/fonts.c runtime/text/shape.c runtime/text/layout.c \
               runtime/text/draw.c

# `make` checks that every font in the table is installed, naming the Debian package if not.
MD_ALL += $(BUILD)/fonts.ok
$(BUILD)/fonts.ok: fonts/fonts.conf fonts/check-fonts.sh
	@mkdir -p $(@D)
	@sh fonts/check-fonts.sh fonts/fonts.conf && touch $@
