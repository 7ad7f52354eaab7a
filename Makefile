# Madang — one entry point.
#   make run          build and open the kiosk in a window with the bundled sample content
#   make sync-demo    the same kiosk syncing from nginx on loopback: it picks up a new release
#   make test         build and run every test (unit, golden-image, scripted end-to-end, fuzz
#                     smoke), then the same under ASan/UBSan
#   make bench        print benchmark figures ("bench <name> <value> <unit>")
#   make check-asan   only the sanitizer run
#   make fuzz         run the libFuzzer targets for a while (installs clang first, see tools/deps.sh)
#   make deb          build-deb/madang_<version>_amd64.deb (dpkg-deb), for `apt install ./...deb`
#   make image SITE=kiosk-image/sites/sample.conf
#                     a bootable kiosk disk image for a site (mmdebstrap; docs/IMAGE.md)
#   make image-test   builds the sample site's image and boots it in QEMU (TCG): READY, screen,
#                     a tap, a killed kiosk coming back, a reboot keeping the data partition
# The outer make checks the Debian packages first (tools/deps.sh installs them when run as root,
# otherwise prints the exact apt-get command), then runs the real rules in mk/rules.mk.

ifndef MD_INNER
.PHONY: all run sync-demo test bench check-asan fuzz deps bench-deps clean deb image image-test
all run sync-demo test bench check-asan: deps
	@$(MAKE) --no-print-directory -j$$(nproc 2>/dev/null || echo 2) MD_INNER=1 $@
# Only `make fuzz` needs clang and libFuzzer's runtime: checked (installed as root) here.
fuzz: deps
	@sh tools/deps.sh fuzz
	@$(MAKE) --no-print-directory -j$$(nproc 2>/dev/null || echo 2) MD_INNER=1 $@
# Bench-only packages (chromium, xvfb, pango), checked by `make bench` alone, never by `make test`.
bench: bench-deps
bench-deps: deps
	@sh tools/deps.sh bench
deps:
	@sh tools/deps.sh
# The Debian package and the kiosk image (kiosk-image/, docs/IMAGE.md). Their packages (dpkg-dev,
# mmdebstrap, QEMU, ...) are checked by `tools/deps.sh image`, never by `make test`.
SITE ?= kiosk-image/sites/sample.conf
deb: deps
	@sh tools/deps.sh image
	@sh kiosk-image/deb/build-deb.sh
image: deb
	@sh kiosk-image/build-image.sh "$(SITE)"
image-test: deps
	@sh tools/deps.sh image
	@$(MAKE) --no-print-directory -j$$(nproc 2>/dev/null || echo 2) MD_INNER=1 all
	@sh kiosk-image/deb/build-deb.sh
	@sh kiosk-image/build-image.sh kiosk-image/sites/sample.conf
	@python3 kiosk-image/image-test.py --site kiosk-image/sites/sample.conf
clean:
	rm -rf build build-asan build-fuzz build-deb build-image
else
include mk/rules.mk
endif
