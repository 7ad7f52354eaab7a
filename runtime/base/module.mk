# Base services beyond base.c (which mk/rules.mk adds): the bounded file reader, path joining
# and WxH sizes, language codes and lists, the block arena.
MD_LIB_SRCS += runtime/base/file.c runtime/base/strings.c runtime/base/lang.c runtime/base/arena.c
