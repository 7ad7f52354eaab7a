/* madang-menu's CSV reader (csv.h): one pass over the text into a store of NUL-terminated fields
 * (never longer than the text plus one byte per field) and an array of rows.
 */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int md_menu_csv_parse(const char *text, size_t n, md_menu_csv *out, char *err, size_t cap)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    if (n >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        i = 3;
    out->store = malloc(n + MD_MENU_CSV_MAX_FIELDS + 2);
    int cap_rows = 64;
    out->rows = malloc((size_t)cap_rows * sizeof *out->rows);
    if (!out->store || !out->rows) {
        snprintf(err, cap, "out of memory");
        md_menu_csv_free(out);
        return -1;
    }
    size_t s = 0;
    long line = 1;
    while (i < n) {
        /* skip empty lines */
        if (text[i] == '\n' || text[i] == '\r') {
            line += text[i] == '\n';
            i++;
            continue;
        }
        if (out->n_rows == cap_rows) {
            cap_rows *= 2;
            md_menu_csv_row *grown = realloc(out->rows, (size_t)cap_rows * sizeof *grown);
            if (!grown) {
                snprintf(err, cap, "out of memory");
                md_menu_csv_free(out);
                return -1;
            }
            out->rows = grown;
        }
        md_menu_csv_row *row = &out->rows[out->n_rows];
        memset(row, 0, sizeof *row);
        row->line = line;
        /* The store can hold the text plus one NUL per field; a row's fields are bounded below. */
        for (;;) {
            if (row->n_fields == MD_MENU_CSV_MAX_FIELDS) {
                snprintf(err, cap, "line %ld: more than %d columns", row->line,
                         MD_MENU_CSV_MAX_FIELDS);
                md_menu_csv_free(out);
                return -1;
            }
            if (s + (n - i) + 2 > n + MD_MENU_CSV_MAX_FIELDS + 2) {
                snprintf(err, cap, "line %ld: too many fields", row->line);
                md_menu_csv_free(out);
                return -1;
            }
            row->fields[row->n_fields++] = out->store + s;
            if (i < n && text[i] == '"') {
                long start = line;
                i++;
                for (;;) {
                    if (i >= n) {
                        snprintf(err, cap, "line %ld: a quoted field is not closed", start);
                        md_menu_csv_free(out);
                        return -1;
                    }
                    if (text[i] == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            out->store[s++] = '"';
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (text[i] == '\n')
                        line++;
                    out->store[s++] = text[i++];
                }
                if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    snprintf(err, cap, "line %ld: text after a closing quote", line);
                    md_menu_csv_free(out);
                    return -1;
                }
            } else {
                while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    if (text[i] == '"') {
                        snprintf(err, cap, "line %ld: a quote inside an unquoted field", line);
                        md_menu_csv_free(out);
                        return -1;
                    }
                    out->store[s++] = text[i++];
                }
            }
            out->store[s++] = '\0';
            if (i < n && text[i] == ',') {
                i++;
                continue;
            }
            break; /* end of line or text */
        }
        if (i < n && text[i] == '\r')
            i++;
        if (i < n && text[i] == '\n') {
            i++;
            line++;
        }
        out->n_rows++;
    }
    return 0;
}

void md_menu_csv_free(md_menu_csv *csv)
{
    free(csv->rows);
    free(csv->store);
    memset(csv, 0, sizeof *csv);
}

int md_menu_csv_column(const md_menu_csv *csv, const char *name)
{
    if (csv->n_rows == 0)
        return -1;
    for (int i = 0; i < csv->rows[0].n_fields; i++)
        if (strcmp(csv->rows[0].fields[i], name) == 0)
            return i;
    return -1;
}
