/* runtime/net: the kiosk's only way onto the network. One libcurl multi handle runs on a worker
 * thread; the main thread queues requests and later asks how they are doing, so nothing on the
 * network ever blocks a frame. Every request has an owner (a plugin, the hub client) so everything
 * an owner started can be cancelled at once, a timeout, and a cap on the size of its answer.
 *
 * Threading contract: every md_net_* function is called from the main thread only. The worker
 * thread touches a request's transfer buffers while it is in flight, and hands the request back
 * (state DONE or FAILED) under the net's mutex; from then on only the main thread reads it.
 */
#ifndef MD_NET_H
#define MD_NET_H

#include <stddef.h>
#include <stdint.h>

typedef struct md_net md_net;

typedef enum md_net_state {
    MD_NET_NONE = 0, /* no such request (never started, cancelled or freed) */
    MD_NET_PENDING,  /* queued or in flight */
    MD_NET_DONE,     /* an HTTP answer arrived (any status, 4xx and 5xx included) */
    MD_NET_FAILED    /* no answer: refused, timed out, body over the cap, cancelled by shutdown */
} md_net_state;

typedef struct md_net_request {
    const char *method;         /* "GET" or "POST" (NULL = GET) */
    const char *url;            /* absolute http(s) URL */
    const char *const *headers; /* "Name: value" lines, may be NULL */
    int n_headers;
    const void *body; /* request body for POST, copied; may be NULL */
    size_t body_bytes;
    int timeout_ms;        /* whole transfer; <= 0 = 10000 */
    size_t max_body_bytes; /* answer cap; 0 = 1 MiB. Over it the request FAILS */
    const void *owner;     /* for md_net_cancel_owner; may be NULL */
} md_net_request;

/* wake (may be NULL) is called from the worker thread whenever a request finishes, so an event
 * loop sleeping in SDL_WaitEvent can be woken (it must be thread-safe, e.g. SDL_PushEvent). */
md_net *md_net_create(void (*wake)(void *user), void *user);
/* Cancels everything, joins the worker and frees all requests. NULL is a no-op. */
void md_net_destroy(md_net *net);

/* Queues a request. Returns its id (never 0), or 0 (logged) when the URL is not http(s) or
 * memory runs out. The request is not allow-listed here: callers check md_net_origin_allowed. */
uint64_t md_net_start(md_net *net, const md_net_request *req);
md_net_state md_net_state_of(md_net *net, uint64_t id);
/* Answer of a DONE request: HTTP status, body (NUL-terminated, borrowed until the request is
 * freed), length. Returns -1 when the request is not DONE. */
int md_net_result(md_net *net, uint64_t id, long *status, const char **body, size_t *body_bytes);
/* A response header's value (first match, case-insensitive name), borrowed like the body; NULL
 * when absent or not DONE. All response headers of the final response are kept. */
const char *md_net_header(md_net *net, uint64_t id, const char *name);
/* Why a FAILED request failed ("timed out after 2000 ms", "body over 1048576 bytes", ...). */
const char *md_net_error(md_net *net, uint64_t id);
/* Cancels a pending request or frees a finished one; the id is invalid afterwards. Never
 * blocks: an in-flight transfer is torn down by the worker. */
void md_net_cancel(md_net *net, uint64_t id);
/* md_net_cancel for every request with this owner. Returns how many there were. */
int md_net_cancel_owner(md_net *net, const void *owner);
/* Grows by one each time a request finishes (DONE or FAILED). */
long md_net_finished(md_net *net);
/* Number of requests not yet DONE or FAILED. */
int md_net_pending(md_net *net);
/* For headless scripts, tests and benchmarks only (never from a frame): waits in real time until
 * no request is pending or max_ms passed. Returns the number still pending. */
int md_net_wait_idle(md_net *net, int max_ms);

/* 1 when url's origin (scheme, host, port; default ports filled in) is one of origins[], each
 * written "https://host[:port]" (a trailing slash or path is ignored). http:// origins only count
 * when allow_http is 1. 0 otherwise, or when url is not a valid http(s) URL. */
int md_net_origin_allowed(const char *url, const char *const *origins, int n_origins,
                          int allow_http);
/* Writes url's origin ("https://example.kr:8443", lower-case host, default port dropped) into
 * out. Returns 0, or -1 when url is not a valid http(s) URL. */
int md_net_origin_of(const char *url, char *out, size_t out_cap);

#endif /* MD_NET_H */
