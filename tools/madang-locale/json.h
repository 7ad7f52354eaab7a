/* A small JSON reader for madang-locale: enough to read the semantic trees the scripted runs write
 * (objects, arrays, strings with escapes, numbers, true/false/null). Not a general-purpose library.
 */
#ifndef MD_LOCALE_JSON_H
#define MD_LOCALE_JSON_H

#include <stddef.h>

typedef enum json_type {
    JSON_NULL = 0,
    JSON_BOOL,
    JSON_NUMBER,
    JSON_STRING,
    JSON_ARRAY,
    JSON_OBJECT
} json_type;

typedef struct json json;
struct json {
    json_type type;
    double number; /* JSON_NUMBER, JSON_BOOL (0/1) */
    char *string;  /* JSON_STRING (UTF-8, unescaped) */
    char *key;     /* member name when inside an object */
    json *child;   /* first element / member */
    json *next;    /* next sibling */
};

/* Parses text; NULL with a reason in err ("line N: ...") on error. Free with json_free. */
json *json_parse(const char *text, size_t n, char *err, size_t err_cap);
void json_free(json *j);
const json *json_get(const json *obj, const char *key); /* member of an object, or NULL */
double json_number(const json *j, double fallback);
const char *json_string(const json *j); /* NULL unless a string */

#endif
