/* Fuzz target: the PNG/JPEG header reader that checks image dimensions before decoding. Any
 * bytes give -1 or positive dimensions, never a read past the data. */
#include <stdint.h>

#include "base/base.h"

const char *md_fuzz_name = "image_dims";

static void quiet(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user, (void)level, (void)tag, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    md_log_set_sink(quiet, NULL);
    int w = 0, h = 0;
    if (md_image_dims(data, size, &w, &h) == 0 && (w <= 0 || h <= 0))
        __builtin_trap();
    md_image_check("fuzz", data, size);
    return 0;
}
