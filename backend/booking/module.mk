# The shuttle booking service (backend/booking): C + libmicrohttpd + PostgreSQL (libpq).
# Not linked with the kiosk runtime; it shares only the GTFS reader (common/gtfs).
BK_SRCS := backend/booking/main.c backend/booking/db.c backend/booking/http.c common/gtfs/gtfs.c
BK_PKGS := libmicrohttpd libpq jansson libsodium
$(BUILD)/bin/madang-booking: $(call md_objs,$(BK_SRCS))
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(shell pkg-config --libs $(BK_PKGS)) -lpthread
$(call md_objs,$(BK_SRCS)): MD_CFLAGS += -Icommon $(shell pkg-config --cflags $(BK_PKGS))
MD_ALL += $(BUILD)/bin/madang-booking

# The GTFS reader's unit test and fuzz target link its object.
$(BUILD)/tests/test_gtfs: $(BUILD)/obj/common/gtfs/gtfs.o
$(BUILD)/obj/tests/unit/test_gtfs.o: MD_CFLAGS += -Icommon
$(BUILD)/obj/tests/fuzz/fuzz_gtfs.o: common/gtfs/gtfs.c common/gtfs/gtfs.h
