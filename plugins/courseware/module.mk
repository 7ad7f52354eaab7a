# Courseware plugin (K-익힘이): builds build/plugins/courseware.so from plugins/courseware/*.c.
# Jansson parses the lesson content; libm for the learning models.
$(eval $(call md_plugin,courseware))
courseware_LIBS = -ljansson -lm
$(BUILD)/obj/plugins/courseware/roman.o: common/roman/roman.c common/roman/roman.h
