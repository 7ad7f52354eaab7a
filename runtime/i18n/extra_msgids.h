/* Read by `madang-locale update` (xgettext), never compiled (xgettext does not preprocess, so it
 * reads inside #if 0): notes for translators on the runtime's messages, which xgettext copies
 * into locales/runtime.pot as "#." comments, and messages that reach a translation call through
 * a variable, where xgettext cannot see them. Add a note when the runtime adds a message whose
 * use is not obvious from its English; delete lines the runtime no longer uses.
 */
#if 0
/* TRANSLATORS: Greeting of the attract loop, shown in each language in turn, in its own script. */
N_("Welcome")
/* TRANSLATORS: Attract loop: invites a passer-by to touch the screen. */
N_("Touch the screen to start")
/* TRANSLATORS: Heading of the language picker. */
N_("Choose your language")
/* TRANSLATORS: Button on the home screen that opens the language picker. */
N_("Language")
/* TRANSLATORS: Button that returns to the home screen. */
N_("Home")
/* TRANSLATORS: Button of the top bar and of the idle warning: go back to the start now. */
N_("Start over")
/* TRANSLATORS: Name of the kiosk service (Korean 마당, a shared courtyard). Write it in your
   script as it sounds. */
N_("Madang")
/* TRANSLATORS: Heading of the home screen, above the tiles of the services. */
N_("What do you need?")
/* TRANSLATORS: Home screen when no service could be loaded. */
N_("No services are available right now.")
/* TRANSLATORS: Second line of a home-screen tile whose service crashed repeatedly and is switched
   off until it is repaired; the tile opens nothing. */
N_("Temporarily unavailable")
/* TRANSLATORS: Heading of the idle warning shown before the kiosk resets itself. */
N_("Still there?")
/* TRANSLATORS: Button of the idle warning: stay on the current screen. */
N_("Continue")
/* TRANSLATORS: Key of the on-screen keypad that deletes the last character. */
N_("Delete")
/* TRANSLATORS: Key of the on-screen keypad that confirms the input. */
N_("OK")
/* TRANSLATORS: Idle warning (runtime/app/app.c idle_dialog() translates it through a variable);
   {seconds} counts down. Keep {seconds} and give every plural form your language needs. */
N_("The screen will start over in {seconds, plural, one {# second} other {# seconds}}.")
/* TRANSLATORS: Button on every screen that opens the accessibility panel (speech, high contrast,
   large text, low reach). Keep it short: it shares the top bar with Home and Language. */
N_("Accessibility")
/* TRANSLATORS: Accessibility panel: the speech volume; {volume} is a number from 10 to 100. */
N_("Volume: {volume}%")
/* TRANSLATORS: Accessibility panel: the speaking rate; {rate} is a number from 50 to 200. */
N_("Speed: {rate}%")
/* TRANSLATORS: Spoken before a control's label by the screen reader ("Button: Book a seat"):
   the kind of control, a noun. */
NC_("role", "Button")
#endif
