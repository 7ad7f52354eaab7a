/* Dish names in Revised Romanization: the shared romanizer (common/roman, also used by the
 * courseware), compiled into the plugin with its flags (hidden symbols). */
#include "../../common/roman/roman.c"
