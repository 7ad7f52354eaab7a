/* Fuzz target for madang-menu's CSV reader (tools/madang-menu/csv.c): whatever a spreadsheet or
 * a hand edit produces, it parses or refuses with a line and a reason, and every row it returns
 * has its fields inside the store. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/madang-menu/csv.c"

const char *md_fuzz_name = "menu_csv";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    md_menu_csv csv;
    char err[256];
    if (md_menu_csv_parse((const char *)data, size, &csv, err, sizeof err) == 0) {
        size_t total = 0;
        for (int r = 0; r < csv.n_rows; r++)
            for (int f = 0; f < csv.rows[r].n_fields; f++)
                total += strlen(csv.rows[r].fields[f]);
        if (total > size)
            abort();
        (void)md_menu_csv_column(&csv, "id");
        md_menu_csv_free(&csv);
    }
    return 0;
}
