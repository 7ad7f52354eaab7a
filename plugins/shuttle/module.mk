# Shuttle plugin: builds build/plugins/shuttle.so from plugins/shuttle/*.c (the GTFS reader comes
# from common/gtfs). Jansson parses the hub's and the booking service's JSON; ICU gives the feed's
# local time.
$(eval $(call md_plugin,shuttle))
shuttle_LIBS = -ljansson $(shell pkg-config --libs icu-i18n icu-uc) -lm
$(BUILD)/obj/plugins/shuttle/gtfs.o: common/gtfs/gtfs.c common/gtfs/gtfs.h
# Its unit test and fuzz target compile the plugin's logic directly.
$(BUILD)/tests/test_shuttle $(BUILD)/tests/fuzz_shuttle_vehicles: MD_LDLIBS += -ljansson
$(BUILD)/obj/tests/unit/test_shuttle.o $(BUILD)/obj/tests/fuzz/fuzz_shuttle_vehicles.o: \
    $(wildcard plugins/shuttle/*.c plugins/shuttle/*.h common/gtfs/*.c common/gtfs/*.h)
