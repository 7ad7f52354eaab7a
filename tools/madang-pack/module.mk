# madang-pack: keygen / build / verify for signed sync releases (docs/SYNC.md). It checks
# releases with the runtime's own validators and loads plugins to run their validate entry.
$(eval $(call md_program,madang-pack,tools/madang-pack/main.c))
