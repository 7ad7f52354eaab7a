# Staff mode: PIN (argon2id via libsodium) and the staff screen's section registry.
MD_LIB_SRCS += runtime/staff/staff.c
