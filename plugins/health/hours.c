/* Opening hours of a clinic: the shared hours logic (common/hours, also used by the menu plugin)
 * compiled into the plugin with its flags (hidden symbols), and the clinic's status through it
 * with the guide's public holidays.
 */
#include "../../common/hours/hours.c"

#include "health.h"

int md_health_status_at(md_hours_clock *clock, const md_health_content *c,
                        const md_health_clinic *clinic, int64_t now_ms, md_hours_status *out)
{
    md_hours_holidays hol = {.dates = c->holiday_dates, .n = c->n_holidays};
    return md_hours_status_at(clock, &clinic->hours, &hol, now_ms, out);
}
