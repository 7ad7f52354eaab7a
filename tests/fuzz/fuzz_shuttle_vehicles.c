/* Fuzz target: the shuttle plugin's reader of the hub's Vehicle entities never crashes and keeps
 * only positions on Earth. */
#include <stdint.h>
#include <stdlib.h>

#include "../../plugins/shuttle/live.c"

const char *md_fuzz_name = "shuttle_vehicles";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sh_vehicle v[8];
    int n = sh_parse_vehicles((const char *)data, size, v, 8);
    for (int i = 0; i < n; i++)
        if (!(v[i].lat >= -90 && v[i].lat <= 90 && v[i].lon >= -180 && v[i].lon <= 180))
            abort();
    return 0;
}
