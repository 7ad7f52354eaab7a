# The example plugin from docs/PLUGINS.md.
$(eval $(call md_plugin,example))
