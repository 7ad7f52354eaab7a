# Madang — one entry point.
#   make run          build and open the kiosk in a window with the bundled sample content
#   make test         build and run every test (unit, golden-image, scripted end-to-end, fuzz
#                     smoke), then the same under ASan/UBSan
#   make bench        print benchmark figures ("bench <name> <value> <unit>")
#   make check-asan   only the sanitizer run
#   make fuzz         run the libFuzzer targets for a while (installs clang first, see tools/deps.sh)
# The outer make checks the Debian packages first (tools/deps.sh installs them when run as root,
# otherwise prints the exact apt-get command), then runs the real rules in mk/rules.mk.

ifndef MD_INNER
.PHONY: all run test bench check-asan fuzz deps bench-deps clean
all run test bench check-asan: deps
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
clean:
	rm -rf build build-asan build-fuzz
else
include mk/rules.mk
endif
