/* The GTFS reader the booking service uses too (common/gtfs), compiled into the plugin with the
 * plugin's flags (hidden symbols), so the kiosk and the service read the feed the same way. */
#include "../../common/gtfs/gtfs.c"
