# madang-absptr: an absolute pointer (a touch panel in mouse mode, QEMU's usb-tablet) turned into a
# touchscreen through uinput, for SDL's KMS/DRM input (kiosk-image/, docs/IMAGE.md).
$(eval $(call md_program,madang-absptr,tools/madang-absptr/main.c))
