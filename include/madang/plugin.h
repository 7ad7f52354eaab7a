/* Madang plugin ABI — the one public header a service plugin includes.
 *
 * A plugin is a shared object that exports one function, `madang_plugin_entry`, returning a
 * const descriptor. The host passes a function table (`md_host`) for everything a plugin may do.
 * Plugins never touch SDL, files outside their two directories, or the network directly: that is
 * what lets every plugin mirror for right-to-left languages, stay large-text friendly, be driven
 * by a keypad and be tested by label.
 *
 * Compatibility rules (see docs/PLUGINS.md):
 *   - Both structs begin with `struct_size`; new fields are only ever appended at the end.
 *   - The descriptor's abi_minor is the LOWEST host minor the plugin needs
 * (MD_PLUGIN_MIN_HOST_MINOR, 0 unless the plugin defines it higher before including this header).
 * The host refuses a plugin whose abi_major differs from its own, or whose abi_minor is above its
 * own minor; a plugin built against a newer header therefore still loads into an older host.
 *   - A plugin reads a host field newer than its abi_minor only when MD_HOST_HAS(host, field) says
 *     the host has it; a field MD_HOST_HAS reports is never NULL (the host implements every field
 *     of its table), so plugins need no NULL check on top.
 *
 * Threads: the host calls every callback on its main thread, one at a time, and every host function
 * must be called on that thread, from inside a callback. A plugin that starts its own threads
 * hands results back to the main thread itself (and asks for a frame with ui_request_frame).
 *
 * Callback order: madang_plugin_entry (once, may be called again: return the same descriptor) ->
 * init -> then any number of visits: enter -> frame (repeatedly, only while the plugin's screen
 * shows) -> reset. locale_changed and content_updated may come between any two callbacks after
 * init (never during one); reset comes for every plugin when a visitor leaves, whether or not it
 * was entered; shutdown comes last, once, only if init returned 0. A plugin refused at load or
 * whose init failed gets no further callback.
 *
 * Lifetimes of what the host returns:
 *   - tr, trc: stable until the next locale change or pack reload (keep for a frame, not longer);
 *   - format, format_number, format_krw, format_date, format_list, format_time_range,
 *     language_name: borrowed until the end of the current callback (the host's frame arena);
 *   - lang, content_dir, storage_dir, config: stable until the callback returns (copy to keep);
 *   - pick: returns one of the pointers passed in.
 * Strings the plugin passes in are copied by the host when it needs them after the call.
 *
 * ui_* outside frame: ignored (no widget is drawn, widgets return 0), and logged once per plugin
 * ("ui_* called outside frame(), ignored"). ui_request_frame and go_home work from any callback.
 */
#ifndef MADANG_PLUGIN_H
#define MADANG_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MD_PLUGIN_ABI_MAJOR 1
#define MD_PLUGIN_ABI_MINOR 7 /* the newest host table this header describes */
#define MD_PLUGIN_ENTRY_SYMBOL "madang_plugin_entry"

/* The lowest host minor this plugin needs: the descriptor's abi_minor. 0 (any 1.x host) unless the
 * plugin defines it before including this header, e.g. `#define MD_PLUGIN_MIN_HOST_MINOR 3` when
 * it calls format_list without checking MD_HOST_HAS. */
#ifndef MD_PLUGIN_MIN_HOST_MINOR
#define MD_PLUGIN_MIN_HOST_MINOR 0
#endif

/* Marks a message for extraction by `madang-locale update` where it is not passed directly to tr()
 * (a static table, a descriptor's title). Expands to the string itself: translate it later with
 * host->tr. MD_NC_ adds a msgctxt (translate with host->trc). */
#define MD_N_(msgid) (msgid)
#define MD_NC_(msgctxt, msgid) (msgid)

#if defined(__GNUC__)
#define MD_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define MD_PLUGIN_EXPORT
#endif

/* Opaque per-plugin handle the host passes to every host function. */
typedef struct md_plugin_ctx md_plugin_ctx;

typedef enum md_log_level {
    MD_LOG_NONE = 0,
    MD_LOG_DEBUG,
    MD_LOG_INFO,
    MD_LOG_WARN,
    MD_LOG_ERROR
} md_log_level;

/* A named argument for ICU MessageFormat ("{count, plural, one {# seat} other {# seats}}"). */
typedef enum md_arg_type {
    MD_ARG_NONE = 0,
    MD_ARG_INT,    /* .i */
    MD_ARG_DOUBLE, /* .d */
    MD_ARG_STRING, /* .s, UTF-8, borrowed for the call */
    MD_ARG_DATE    /* .date_ms: milliseconds since the Unix epoch, UTC */
} md_arg_type;

typedef struct md_arg {
    const char *name;
    md_arg_type type;
    union {
        int64_t i;
        double d;
        const char *s;
        int64_t date_ms;
    } v;
} md_arg;

/* Visual roles of text; the theme maps them to sizes (and honours large-text mode). */
typedef enum md_text_role {
    MD_TEXT_BODY = 0,
    MD_TEXT_SMALL,
    MD_TEXT_LARGE, /* e.g. the Korean sentences on a card to show a doctor or a taxi driver */
    MD_TEXT_HEADING
} md_text_role;

/* Emphasis of a button or tile. */
typedef enum md_ui_tone {
    MD_TONE_NORMAL = 0,
    MD_TONE_PRIMARY,
    MD_TONE_DANGER /* emergencies: red, always high contrast */
} md_ui_tone;

/* A shape of a drawing (ui_drawing, since ABI 1.6). Coordinates are fractions (0..1) of the
 * drawing's width and height; x is measured from the reading start, so a drawing mirrors in
 * right-to-left languages like the rest of the screen. Colours come from the tone (the theme's
 * text colour, accent or red; high contrast honoured); never tell anything by colour alone: vary
 * kind and size too. */
typedef enum md_shape_kind {
    MD_SHAPE_NONE = 0,
    MD_SHAPE_LINE, /* from (x0, y0) to (x1, y1), size_mm wide */
    MD_SHAPE_DOT,  /* a filled disc at (x0, y0), size_mm across */
    MD_SHAPE_RING, /* an open circle at (x0, y0), size_mm across */
    MD_SHAPE_LABEL /* text (small role) starting at (x0, y0), vertically centred on it */
} md_shape_kind;

typedef struct md_shape {
    md_shape_kind kind;
    md_ui_tone tone;
    float x0, y0, x1, y1;
    float size_mm;
    const char *text; /* MD_SHAPE_LABEL: UTF-8, borrowed for the call */
} md_shape;

/* The host's function table. Append-only: never reorder, never remove. */
typedef struct md_host {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;

    /* --- logging --- */
    void (*log)(md_plugin_ctx *ctx, md_log_level level, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 3, 4)))
#endif
        ;

    /* --- messages (gettext PO packs, domain = the plugin's id; see docs/LOCALES.md) --- */
    /* The visitor's current language (BCP 47, e.g. "vi", "uz-Latn"). */
    const char *(*lang)(md_plugin_ctx *ctx);
    /* Translation of msgid (English source text) in the current language, falling back along the
     * locale chain, else msgid itself. The returned pointer is stable until the next locale change
     * or pack reload, so it can be kept for a frame. */
    const char *(*tr)(md_plugin_ctx *ctx, const char *msgid);
    /* Same with a msgctxt, for when one English text means two things. */
    const char *(*trc)(md_plugin_ctx *ctx, const char *msgctxt, const char *msgid);
    /* Translates msgid (msgctxt may be NULL) and formats it as ICU MessageFormat with named args.
     * Borrowed until the end of the current frame. On a formatting error, logs and returns msgid.
     */
    const char *(*format)(md_plugin_ctx *ctx, const char *msgctxt, const char *msgid,
                          const md_arg *args, int n_args);
    /* Picks the best of a per-language JSON-style map for the current language, following the
     * fallback chain: langs[i] is a BCP 47 code, texts[i] its text. Returns NULL if none fits. */
    const char *(*pick)(md_plugin_ctx *ctx, const char *const *langs, const char *const *texts,
                        int n);
    /* Formats a number / currency (KRW) / date / time in the visitor's locale. Borrowed until the
     * end of the frame. skeleton is an ICU date skeleton such as "yMMMd" or "jm" (NULL =
     * "yMMMdjm"). */
    const char *(*format_number)(md_plugin_ctx *ctx, double value, int max_fraction_digits);
    const char *(*format_krw)(md_plugin_ctx *ctx, int64_t won);
    const char *(*format_date)(md_plugin_ctx *ctx, int64_t unix_ms, const char *skeleton,
                               const char *time_zone);

    /* --- files --- */
    /* The plugin's read-only content directory (JSON, images), as synced. Absolute path. */
    const char *(*content_dir)(md_plugin_ctx *ctx);
    /* The plugin's own writable directory. Never write visitor data here. */
    const char *(*storage_dir)(md_plugin_ctx *ctx);
    /* A value from the plugin's section of the kiosk configuration ([plugin.<id>] key = value), or
     * from the [kiosk] section; NULL when absent. */
    const char *(*config)(md_plugin_ctx *ctx, const char *key);

    /* --- clock (virtual in headless tests) --- */
    int64_t (*now_unix_ms)(md_plugin_ctx *ctx);   /* wall clock */
    uint64_t (*monotonic_ms)(md_plugin_ctx *ctx); /* for animations and timeouts */

    /* --- UI: immediate mode; call these only from the frame callback --- *
     * Every widget takes its visible text (already translated); the host lays it out with the text
     * engine in the right direction and script, records it in the semantic tree (role, label,
     * rectangle), and makes it reachable by touch, mouse and keypad. Widgets stack top to bottom in
     * the plugin's area, which scrolls (kinetically) when the content is taller than the screen. */
    void (*ui_heading)(md_plugin_ctx *ctx, const char *text);
    void (*ui_text)(md_plugin_ctx *ctx, const char *text, md_text_role role);
    /* Text in a given language other than the visitor's (e.g. Korean for a doctor). */
    void (*ui_text_lang)(md_plugin_ctx *ctx, const char *text, const char *lang, md_text_role role);
    /* Returns 1 on the frame the button is activated (tap, click, or Enter with focus). */
    int (*ui_button)(md_plugin_ctx *ctx, const char *label, md_ui_tone tone);
    /* A large square tile with an icon (PNG/JPEG path relative to the content dir, may be NULL). */
    int (*ui_tile)(md_plugin_ctx *ctx, const char *label, const char *icon, md_ui_tone tone);
    /* Lays the widgets between begin and end in n_columns equal columns, filling rows in reading
     * order (mirrored in right-to-left languages). */
    void (*ui_columns_begin)(md_plugin_ctx *ctx, int n_columns);
    void (*ui_columns_end)(md_plugin_ctx *ctx);
    /* A row of a list: a primary line and an optional secondary line. Returns 1 when tapped. */
    int (*ui_list_item)(md_plugin_ctx *ctx, const char *primary, const char *secondary);
    /* An image from the content directory, scaled to fit width_mm (0 = the area's width). */
    void (*ui_image)(md_plugin_ctx *ctx, const char *path, int width_mm);
    /* A QR code for data (e.g. a map link) of side size_mm, with caption below (may be NULL). */
    void (*ui_qr)(md_plugin_ctx *ctx, const char *data, int size_mm, const char *caption);
    /* A numeric keypad editing buf (digits only, NUL-terminated, at most cap-1 digits).
     * Returns 1 on the frame the visitor confirms. */
    int (*ui_keypad)(md_plugin_ctx *ctx, const char *label, char *buf, size_t cap);
    /* A modal dialog over the plugin's screen: widgets between begin and end go into it. */
    void (*ui_dialog_begin)(md_plugin_ctx *ctx, const char *title);
    void (*ui_dialog_end)(md_plugin_ctx *ctx);
    /* A busy indicator with a label, for work in progress. */
    void (*ui_busy)(md_plugin_ctx *ctx, const char *label);
    /* Vertical space, in millimetres. */
    void (*ui_space)(md_plugin_ctx *ctx, int mm);
    /* Ask the host for another frame soon (animations); otherwise nothing redraws until input. */
    void (*ui_request_frame)(md_plugin_ctx *ctx);
    /* Leave the plugin and go back to the home screen. */
    void (*go_home)(md_plugin_ctx *ctx);

    /* --- since ABI 1.1 (check MD_HOST_HAS(host, ui_notice) before calling) --- */
    /* A banner across the area: text in large bold type on a band coloured by tone
     * (MD_TONE_DANGER for an emergency: "Call 119 now."). Not pressable; the semantic tree gives it
     * the role "alert", so speech announces it first. */
    void (*ui_notice)(md_plugin_ctx *ctx, const char *text, md_ui_tone tone);

    /* --- since ABI 1.2 (check MD_HOST_HAS(host, ui_speak) before calling) --- */
    /* Says text aloud in lang (BCP 47, e.g. "ko" for a courseware word; NULL = the visitor's
     * language), stopping whatever the kiosk was saying, at the visitor's volume and rate. It
     * speaks whether or not the visitor turned speech mode on (call it when the visitor asks,
     * e.g. a "Listen" button). A language without a voice is read by its fallback's voice when
     * that writes the same script, else nothing is said. Callable from any callback on the main
     * thread. Returns 0, or -1 (logged) when nothing could say it. */
    int (*ui_speak)(md_plugin_ctx *ctx, const char *text, const char *lang);
    /* Plays a recorded WAV file from the plugin's content directory (path relative to it, no
     * ".."), at the visitor's volume, stopping whatever was being said. text is what the recording
     * says (may be NULL; headless speech logs show it), lang its language (NULL = the visitor's).
     * Returns 0, or -1 (logged) for a missing, unreadable or unsafe path. */
    int (*ui_play_audio)(md_plugin_ctx *ctx, const char *path, const char *text, const char *lang);

    /* --- since ABI 1.3 (check MD_HOST_HAS(host, field) before calling) --- */
    /* "A, B and C" in the visitor's language with ICU's list patterns ("कोरियाली र अङ्ग्रेजी").
     * At most 32 items. Borrowed until the end of the callback; "" on error (logged). */
    const char *(*format_list)(md_plugin_ctx *ctx, const char *const *items, int n_items);
    /* The name of language `code` (BCP 47) written in in_lang (NULL = the visitor's language;
     * pass code itself for the language's own name, "Tiếng Việt"). Borrowed like format_list. */
    const char *(*language_name)(md_plugin_ctx *ctx, const char *code, const char *in_lang);
    /* A time range ("18:00–02:00", "6:00 PM – 2:00 AM") in the visitor's locale through ICU's date
     * interval formatter; skeleton as format_date (NULL = "jm"), time_zone NULL = Asia/Seoul. When
     * the ends fall on different days (open past midnight) each end shows as a time only.
     * Like every format_* result, isolated (FSI ... PDI) in right-to-left languages so it keeps
     * its order inside Urdu text. Borrowed like format_list. */
    const char *(*format_time_range)(md_plugin_ctx *ctx, int64_t start_unix_ms, int64_t end_unix_ms,
                                     const char *skeleton, const char *time_zone);

    /* --- since ABI 1.4 (check MD_HOST_HAS(host, ui_label_msgid) before calling) --- */
    /* The next widget's label was made from msgid (msgctxt may be NULL), e.g. a label built with
     * snprintf around tr()'s result: the semantic tree records msgid for it (tests and
     * madang-locale lint --trees read it). Strings returned by tr, trc and format need no call.
     * Only inside frame, right before the widget. */
    void (*ui_label_msgid)(md_plugin_ctx *ctx, const char *msgctxt, const char *msgid);

    /* --- since ABI 1.5 (check MD_HOST_HAS(host, http_start) before calling any of these) --- */
    /* Asynchronous HTTP through the runtime's network thread. Nothing here ever blocks: start a
     * request in one callback, ask about it in later frames. A plugin reaches only the origins
     * listed in its own config section:  [plugin.<id>]  allowed_origins = https://a.kr,
     * https://b.kr (plain http only with allow_http = yes there, for loopback tests). Redirects are
     * not followed. Every request the plugin started is cancelled and freed when the visitor's
     * session is reset and at shutdown, so handles do not outlive a visitor. At most 16 requests
     * per plugin at once.
     *
     * Starts a GET, POST or DELETE (method NULL = "GET"; DELETE since the 1.6 host). headers are
     * "Name: value" lines (may be NULL); body is copied (may be NULL). timeout_ms <= 0 means 10 s;
     * answers over max_body_bytes (0 = 1 MiB, at most 8 MiB) fail. Returns a handle (never 0), or 0
     * (logged) when the origin is not allowed, the URL is bad or too many requests are open. */
    uint64_t (*http_start)(md_plugin_ctx *ctx, const char *method, const char *url,
                           const char *const *headers, int n_headers, const void *body,
                           size_t body_bytes, int timeout_ms, size_t max_body_bytes);
    /* MD_HTTP_PENDING, MD_HTTP_DONE (an answer arrived, whatever its status), MD_HTTP_FAILED (no
     * answer: refused, timed out, body over the cap), or MD_HTTP_NONE for an unknown handle. */
    int (*http_state)(md_plugin_ctx *ctx, uint64_t handle);
    /* The HTTP status of a DONE request, else 0. */
    int (*http_status)(md_plugin_ctx *ctx, uint64_t handle);
    /* A response header (case-insensitive name) or NULL; the body (NUL-terminated; *body_bytes
     * may be NULL) or NULL when not DONE; why a FAILED request failed, or NULL. All three are
     * owned by the host and stay valid until http_free, the session reset, or shutdown. */
    const char *(*http_header)(md_plugin_ctx *ctx, uint64_t handle, const char *name);
    const char *(*http_body)(md_plugin_ctx *ctx, uint64_t handle, size_t *body_bytes);
    const char *(*http_error)(md_plugin_ctx *ctx, uint64_t handle);
    /* Cancels a pending request, or frees a finished one. The handle is invalid afterwards. */
    void (*http_free)(md_plugin_ctx *ctx, uint64_t handle);

    /* The city data hub ([hub] in the kiosk config; docs/DATAHUB.md). Asks for entities of
     * entity_type (e.g. "Vehicle"), optionally filtered by an NGSI-LD q and limited to attrs
     * (comma-separated; both may be NULL), within max_distance_m of the kiosk (0 = anywhere),
     * refreshed every refresh_s seconds (at least 5), every page followed. Returns a handle
     * (never 0; the same one for the same query from the same plugin), or 0 (logged) when no hub
     * is configured or the query is bad. Queries belong to the kiosk, not the visitor: they
     * survive session resets and end at shutdown or with hub_query_free. */
    uint64_t (*hub_query)(md_plugin_ctx *ctx, const char *entity_type, const char *q,
                          const char *attrs, int max_distance_m, int refresh_s);
    /* The last good answer: a JSON array of entities in NGSI-LD keyValues form
     * ([{"id":"urn:ngsi-ld:Vehicle:..","type":"Vehicle","location":{..},..}]), owned by the host
     * and valid until the end of the current callback (copy what you keep). Returns the answer's
     * generation: 0 while none has arrived, +1 for each new answer (compare to redraw only on a
     * change), -1 for an unknown handle. When the hub is unreachable the last good answer stays
     * and *updated_unix_ms (may be NULL) tells its age. */
    int (*hub_result)(md_plugin_ctx *ctx, uint64_t handle, const char **json, size_t *json_bytes,
                      int64_t *updated_unix_ms);
    void (*hub_query_free)(md_plugin_ctx *ctx, uint64_t handle);

    /* Counts one anonymous use event of this plugin (e.g. "card-shown", "lesson-done") for the
     * hourly use report. name is a short identifier ([A-Za-z0-9._-], at most 40 bytes), never
     * anything about the visitor. Counts below the hub's k are never published. Returns 0 or -1. */
    int (*count_event)(md_plugin_ctx *ctx, const char *name);

    /* --- since ABI 1.6 (check MD_HOST_HAS(host, ui_drawing) before calling) --- */
    /* A simple vector drawing, always twice as wide as tall: height_mm tall (at most half the
     * area's width; 0 = the area's full width), centred in the area. A route map, a diagram.
     * shapes[0..n_shapes) are drawn in order (later on top); the array and its texts are borrowed
     * for the call. label describes the drawing for speech and tests
     * ("Map of route WG: 2 shuttles"); each MD_SHAPE_LABEL is also a text node of the tree. */
    void (*ui_drawing)(md_plugin_ctx *ctx, const char *label, const md_shape *shapes, int n_shapes,
                       int height_mm);

    /* --- since ABI 1.7 (check MD_HOST_HAS(host, ui_mark) before calling) --- */
    /* A mark in a box with its own background colour, e.g. an allergen on a dish as Korea's food
     * labelling rules ask (a box set apart by its background): icon (PNG path relative to the
     * content dir, may be NULL) at the reading start, then label in bold body text, which the host
     * sets dark or white by the colour's lightness. background_rgb is 0xRRGGBB; high-contrast
     * mode draws the theme's ground with a thick outline instead, so never tell anything by the
     * colour alone (the label says it). Not pressable; a text node in the semantic tree. Goes
     * into ui_columns like any widget. */
    void (*ui_mark)(md_plugin_ctx *ctx, const char *label, const char *icon,
                    uint32_t background_rgb);
} md_host;

/* http_state values. */
enum { MD_HTTP_NONE = 0, MD_HTTP_PENDING = 1, MD_HTTP_DONE = 2, MD_HTTP_FAILED = 3 };

/* True when the host table is large enough to contain `field`. */
#define MD_HOST_HAS(host, field)                                                                   \
    ((host)->struct_size >= offsetof(md_host, field) + sizeof((host)->field))

/* The plugin's descriptor. Append-only like md_host. */
typedef struct md_plugin_desc {
    uint32_t struct_size; /* sizeof(md_plugin_desc) as the plugin was built */
    uint16_t abi_major;   /* MD_PLUGIN_ABI_MAJOR */
    uint16_t abi_minor;   /* MD_PLUGIN_MIN_HOST_MINOR: the lowest host minor it needs */
    const char *id;       /* reverse-DNS, e.g. "kr.go.ansan.health"; also its message domain */
    const char *version;  /* e.g. "1.2.0" */
    const char *title;    /* English msgid of the tile title, translated through the domain */
    const char *icon;     /* tile icon, relative to the content directory; may be NULL */

    /* Called once after loading. Returns 0, or -1 (logged) to be left out. *state is the plugin's
     * own pointer, passed back to every other callback. */
    int (*init)(md_plugin_ctx *ctx, const md_host *host, void **state);
    /* The visitor opened the plugin from home. */
    void (*enter)(void *state);
    /* Draw one frame of UI through the host's ui_* functions. */
    void (*frame)(void *state);
    /* The visitor switched language (lang is BCP 47). May be NULL. */
    void (*locale_changed)(void *state, const char *lang);
    /* The content directory was replaced by a sync. Reload, and keep the old data on error. */
    void (*content_updated)(void *state);
    /* The visitor left (idle timeout or "done"): forget everything of theirs. Must not fail. */
    void (*reset)(void *state);
    /* The kiosk is shutting down. Free everything. May be NULL. */
    void (*shutdown)(void *state);

    /* --- appended with ABI 1.3: read only when MD_DESC_HAS(desc, validate); may be NULL --- */
    /* Checks a content directory (what content_dir would return) strictly, without a running
     * kiosk: no host, no ctx, no state, and nothing kept. `madang-pack build` calls it before
     * publishing a release, and the kiosk calls it on a freshly synced release before the
     * plugin's content_updated (a refusal flips the kiosk back to the previous release). Returns
     * 0, or -1 with one line "file: place: reason" in err (NUL-terminated, at most err_cap bytes).
     * May be called on any thread, so it must not touch global state. */
    int (*validate)(const char *content_dir, char *err, size_t err_cap);
} md_plugin_desc;

/* True when the descriptor is large enough to contain `field` (a plugin built with an older
 * header has a shorter one). */
#define MD_DESC_HAS(desc, field)                                                                   \
    ((desc)->struct_size >= offsetof(md_plugin_desc, field) + sizeof((desc)->field))

typedef const md_plugin_desc *(*md_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif
#endif /* MADANG_PLUGIN_H */
