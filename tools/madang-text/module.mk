# madang-text: renders text with the runtime's text engine to a PNG and/or prints its layout as JSON.
$(eval $(call md_program,madang-text,tools/madang-text/main.c))
