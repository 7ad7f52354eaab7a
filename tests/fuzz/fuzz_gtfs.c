/* Fuzz target: the GTFS reader (common/gtfs) never crashes, and what it accepts is consistent.
 * The input is split at 0x1E bytes into the files of a feed, in a fixed order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The reader is compiled in, so `make fuzz` instruments it too. */
#include "../../common/gtfs/gtfs.c"

const char *md_fuzz_name = "gtfs";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"agency.txt",     "stops.txt",          "routes.txt",
                                        "calendar.txt",   "calendar_dates.txt", "trips.txt",
                                        "stop_times.txt", "booking_rules.txt"};
    enum { N = sizeof names / sizeof *names };
    gtfs_source src[N];
    memset(src, 0, sizeof src);
    size_t start = 0;
    int k = 0;
    for (size_t i = 0; i <= size && k < N; i++) {
        if (i == size || data[i] == 0x1E) {
            src[k].name = names[k];
            src[k].text = (const char *)data + start;
            src[k].n_bytes = i - start;
            k++;
            start = i + 1;
        }
    }
    for (; k < N; k++)
        src[k].name = names[k];
    char err[256];
    gtfs_feed *f = gtfs_parse(src, N, err, sizeof err);
    if (f) {
        for (int t = 0; t < f->n_trips; t++) {
            const gtfs_trip *trip = &f->trips[t];
            if (trip->n_stop_times < 2 || trip->first_stop_time < 0 ||
                trip->first_stop_time + trip->n_stop_times > f->n_stop_times || trip->route < 0 ||
                trip->route >= f->n_routes || trip->service < 0 || trip->service >= f->n_services)
                abort();
            for (int i = 0; i < trip->n_stop_times; i++)
                if (f->stop_times[trip->first_stop_time + i].trip != t)
                    abort();
        }
        gtfs_free(f);
    }
    return 0;
}
