# runtime/i18n: locales.conf, PO packs, ICU MessageFormat, formatting, hot reload.
MD_LIB_SRCS += runtime/i18n/i18n.c runtime/i18n/po.c runtime/i18n/msgformat.c \
               runtime/i18n/icu_fmt.c runtime/i18n/validate.c \
               runtime/i18n/bidi_fmt.c
