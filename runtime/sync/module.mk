# runtime/sync: signed sync of content, locale packs and plugins (docs/SYNC.md). Jansson reads
# the manifest, libsodium checks ed25519 signatures and sha256, libcurl downloads.
MD_LIB_SRCS += runtime/sync/manifest.c runtime/sync/sync.c runtime/sync/validate.c \
               runtime/sync/settings.c runtime/sync/staff_section.c
MD_CFLAGS += $(shell pkg-config --cflags jansson)
MD_LDLIBS += $(shell pkg-config --libs jansson)

# make sync-demo: nginx on loopback, v1 published and synced, a kiosk window, v2 20 s later.
.PHONY: sync-demo
sync-demo: all
	sh backend/nginx/demo.sh
