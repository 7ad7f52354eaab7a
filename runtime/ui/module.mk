MD_LIB_SRCS += runtime/ui/ui.c
