# md-peer-page: the Chromium peer page of `make bench`, built from madang's own semantic trees.
$(eval $(call md_program,md-peer-page,bench/peer/md_peer_page.c))
$(BUILD)/bin/md-peer-page: MD_LDLIBS += $(shell pkg-config --libs jansson)
$(BUILD)/obj/bench/peer/md_peer_page.o: MD_CFLAGS += $(shell pkg-config --cflags jansson)
MD_BENCHES += bench/peer/run.sh
