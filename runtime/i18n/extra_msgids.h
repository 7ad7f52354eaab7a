/* Runtime messages that reach a translation call through a variable, where xgettext cannot see
 * them: listed here so `madang-locale update` keeps them in locales/runtime.pot. Never compiled
 * (xgettext does not preprocess, so it reads inside #if 0). Remove a line when the code marks the
 * string itself with N_() or stops using it.
 */
#if 0
/* runtime/app/app.c idle_dialog(): static const char *msgid = ... */
N_("The screen will start over in {seconds, plural, one {# second} other {# seconds}}.")
#endif
