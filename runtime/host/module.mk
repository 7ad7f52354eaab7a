MD_LIB_SRCS += runtime/host/host.c
