/* Opening hours of a restaurant: the shared hours logic (common/hours, also used by the health
 * guide), compiled into the plugin with its flags (hidden symbols). */
#include "../../common/hours/hours.c"
