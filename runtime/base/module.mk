# Base services beyond base.c (which mk/rules.mk adds): the bounded file reader.
MD_LIB_SRCS += runtime/base/file.c
