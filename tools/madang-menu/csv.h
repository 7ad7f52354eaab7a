/* The CSV reader of madang-menu: RFC 4180 as spreadsheets write it (quoted fields with "" for a
 * quote, CRLF or LF line ends, a UTF-8 byte-order mark at the start ignored), rows of fields with
 * the line each row starts on, for messages like "dishes.csv:12: ...".
 */
#ifndef MD_MENU_CSV_H
#define MD_MENU_CSV_H

#include <stddef.h>

#define MD_MENU_CSV_MAX_FIELDS 64

typedef struct md_menu_csv_row {
    char *fields[MD_MENU_CSV_MAX_FIELDS]; /* NUL-terminated, owned by the table */
    int n_fields;
    long line; /* 1-based line the row starts on */
} md_menu_csv_row;

typedef struct md_menu_csv {
    md_menu_csv_row *rows; /* rows[0] is the header */
    int n_rows;
    char *store; /* every field's bytes */
} md_menu_csv;

/* Parses text (n_bytes, need not be NUL-terminated). Returns 0, or -1 with "line N: reason" in err
 * (an unclosed quote, a stray quote, too many fields). Empty lines are skipped. Free with
 * md_menu_csv_free. */
int md_menu_csv_parse(const char *text, size_t n_bytes, md_menu_csv *out, char *err, size_t cap);
void md_menu_csv_free(md_menu_csv *csv);
/* Index of the header column named name, or -1. */
int md_menu_csv_column(const md_menu_csv *csv, const char *name);

#endif /* MD_MENU_CSV_H */
