# The built-in supervisor (madang --supervise ARGS...).
MD_LIB_SRCS += runtime/supervise/supervise.c
