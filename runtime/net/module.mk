# runtime/net: libcurl multi handle on a worker thread (net.h).
MD_LIB_SRCS += runtime/net/net.c
