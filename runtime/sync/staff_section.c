/* The "Sync" section of the staff screen: the release in use, when the kiosk last synced, and the
 * last refusal (docs/SYNC.md, "What the staff screen says"). Registered by the app with
 * md_staff_add_section(staff, "Sync", md_sync_staff_section, sync). */
#include "sync/sync.h"

#include <inttypes.h>

#include "staff/staff.h"

void md_sync_staff_section(void *user, md_staff_lines *out)
{
    md_sync *s = user;
    md_sync_status st;
    md_sync_get_status(s, &st);
    char when[32];
    if (st.version) {
        md_sync_time_format(st.expires_unix, when, sizeof when);
        md_staff_line(out, "Release in use: v%" PRId64 " (signed until %s)", st.version, when);
        if (st.expired)
            md_staff_line(out, "EXPIRED: the city has not renewed this release; the kiosk keeps "
                               "showing it. Publish a new release.");
    } else {
        md_staff_line(out, "Release in use: none synced yet (content shipped with the image)");
    }
    if (st.last_ok_unix) {
        md_sync_time_format(st.last_ok_unix, when, sizeof when);
        md_staff_line(out, "Last successful sync: %s", when);
    } else {
        md_staff_line(out, "Last successful sync: never");
    }
    if (st.last_refusal_unix) {
        md_sync_time_format(st.last_refusal_unix, when, sizeof when);
        md_staff_line(out, "Last refusal: %s: %s", when, st.last_refusal);
    } else {
        md_staff_line(out, "Last refusal: none");
    }
    if (st.last_outcome == MD_SYNC_UNREACHABLE)
        md_staff_line(out, "Last round: the server could not be reached (working offline)");
}
