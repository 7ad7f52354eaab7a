/* The Revised Romanization of Korean the lessons use: the shared romanizer (common/roman, also
 * used by the menu plugin), compiled into the plugin with its flags (hidden symbols). */
#include "../../common/roman/roman.c"
