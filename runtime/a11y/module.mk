# runtime/a11y: accessibility modes and speech from the semantic tree.
MD_LIB_SRCS += runtime/a11y/a11y.c
