# runtime/config: the kiosk configuration file (read by app and host; below both).
MD_LIB_SRCS += runtime/config/config.c
