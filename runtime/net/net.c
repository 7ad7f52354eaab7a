/* runtime/net: one libcurl multi handle on a worker thread (see net.h for the contract). Requests
 * live in one list guarded by a mutex; the worker adds queued ones to the multi handle, moves
 * finished ones to DONE/FAILED, and frees the ones the main thread cancelled while in flight.
 */
#include "net/net.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/base.h"

enum { ST_QUEUED = 1, ST_RUNNING, ST_DONE, ST_FAILED };

typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

typedef struct req {
    struct req *next;
    uint64_t id;
    const void *owner;
    int state;     /* ST_*, under the mutex */
    int cancelled; /* main thread gave it up; the worker frees it */
    int timeout_ms;
    size_t max_body_bytes;
    int over_cap;
    char *method, *url;
    char *body_out;
    size_t body_out_bytes;
    struct curl_slist *headers_out;
    CURL *easy;
    buf body, headers_in;
    long status;
    char error[CURL_ERROR_SIZE + 64];
} req;

struct md_net {
    pthread_mutex_t mu;
    pthread_cond_t idle;
    pthread_t thread;
    int thread_started;
    int quit;
    CURLM *multi;
    req *list;
    uint64_t next_id;
    long finished;
    void (*wake)(void *user);
    void *wake_user;
};

static int buf_add(buf *b, const char *p, size_t n, size_t cap_bytes)
{
    if (b->len + n > cap_bytes)
        return -1;
    if (b->len + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 1024;
        while (c < b->len + n + 1)
            c *= 2;
        char *d = md_realloc(b->data, c);
        if (!d)
            return -1;
        b->data = d;
        b->cap = c;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static void req_free(req *r)
{
    if (!r)
        return;
    if (r->easy)
        curl_easy_cleanup(r->easy);
    curl_slist_free_all(r->headers_out);
    md_free(r->method);
    md_free(r->url);
    md_free(r->body_out);
    md_free(r->body.data);
    md_free(r->headers_in.data);
    md_free(r);
}

static size_t on_body(char *p, size_t size, size_t n, void *user)
{
    req *r = user;
    if (buf_add(&r->body, p, size * n, r->max_body_bytes) < 0) {
        r->over_cap = 1;
        return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
    }
    return size * n;
}

static size_t on_header(char *p, size_t size, size_t n, void *user)
{
    req *r = user;
    /* A new status line (redirect or 100-continue) starts a new header block. */
    if (size * n >= 5 && strncmp(p, "HTTP/", 5) == 0)
        r->headers_in.len = 0;
    if (buf_add(&r->headers_in, p, size * n, 64 * 1024) < 0) {
        r->over_cap = 1;
        return 0;
    }
    return size * n;
}

/* Worker: builds the easy handle of a queued request (outside the lock: only the worker touches
 * a RUNNING request's transfer). */
static CURL *make_easy(req *r)
{
    CURL *e = curl_easy_init();
    if (!e)
        return NULL;
    curl_easy_setopt(e, CURLOPT_URL, r->url);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L); /* a redirect could leave the allow-list */
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)r->timeout_ms);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)r->timeout_ms);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)r->max_body_bytes);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->error);
    curl_easy_setopt(e, CURLOPT_PRIVATE, r);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "madang-kiosk");
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    if (r->headers_out)
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->headers_out);
    if (strcmp(r->method, "GET") != 0) {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r->method);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->body_out ? r->body_out : "");
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->body_out_bytes);
    }
    return e;
}

static void finish(md_net *net, CURL *e, CURLcode rc)
{
    req *r = NULL;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&r);
    curl_multi_remove_handle(net->multi, e);
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    pthread_mutex_lock(&net->mu);
    r->status = status;
    if (rc == CURLE_OK) {
        r->state = ST_DONE;
    } else {
        r->state = ST_FAILED;
        if (r->over_cap || rc == CURLE_FILESIZE_EXCEEDED)
            snprintf(r->error, sizeof r->error, "body over %zu bytes", r->max_body_bytes);
        else if (rc == CURLE_OPERATION_TIMEDOUT)
            snprintf(r->error, sizeof r->error, "timed out after %d ms", r->timeout_ms);
        else if (!r->error[0])
            snprintf(r->error, sizeof r->error, "%s", curl_easy_strerror(rc));
    }
    curl_easy_cleanup(e);
    r->easy = NULL;
    net->finished++;
    pthread_cond_broadcast(&net->idle);
    pthread_mutex_unlock(&net->mu);
    if (net->wake)
        net->wake(net->wake_user);
}

static void *worker(void *arg)
{
    md_net *net = arg;
    for (;;) {
        /* Take in new requests and drop cancelled ones. */
        pthread_mutex_lock(&net->mu);
        if (net->quit) {
            pthread_mutex_unlock(&net->mu);
            break;
        }
        req **pp = &net->list;
        while (*pp) {
            req *r = *pp;
            if (r->cancelled) { /* given up by the main thread, running or just finished */
                if (r->easy)
                    curl_multi_remove_handle(net->multi, r->easy);
                *pp = r->next;
                req_free(r);
                pthread_cond_broadcast(&net->idle);
                continue;
            }
            if (r->state == ST_QUEUED) {
                r->easy = make_easy(r);
                if (r->easy && curl_multi_add_handle(net->multi, r->easy) == CURLM_OK) {
                    r->state = ST_RUNNING;
                } else {
                    r->state = ST_FAILED;
                    snprintf(r->error, sizeof r->error, "could not start the transfer");
                    pthread_cond_broadcast(&net->idle);
                }
            }
            pp = &r->next;
        }
        pthread_mutex_unlock(&net->mu);

        int running = 0;
        curl_multi_perform(net->multi, &running);
        CURLMsg *m = NULL;
        int left = 0;
        while ((m = curl_multi_info_read(net->multi, &left)))
            if (m->msg == CURLMSG_DONE)
                finish(net, m->easy_handle, m->data.result);
        curl_multi_poll(net->multi, NULL, 0, 1000, NULL);
    }
    return NULL;
}

md_net *md_net_create(void (*wake)(void *user), void *user)
{
    md_net *net = md_calloc(1, sizeof *net);
    if (!net)
        return NULL;
    /* curl_global_init is idempotent and reference counted since 7.84; the runtime calls it once
     * before any thread exists (main), this is for tests that create a net directly. */
    curl_global_init(CURL_GLOBAL_DEFAULT);
    pthread_mutex_init(&net->mu, NULL);
    pthread_cond_init(&net->idle, NULL);
    net->next_id = 1;
    net->wake = wake;
    net->wake_user = user;
    net->multi = curl_multi_init();
    if (!net->multi) {
        md_log(MD_LOG_ERROR, "NET", "curl_multi_init failed");
        md_net_destroy(net);
        return NULL;
    }
    if (pthread_create(&net->thread, NULL, worker, net) != 0) {
        md_log(MD_LOG_ERROR, "NET", "cannot start the network thread");
        md_net_destroy(net);
        return NULL;
    }
    net->thread_started = 1;
    return net;
}

void md_net_destroy(md_net *net)
{
    if (!net)
        return;
    if (net->thread_started) {
        pthread_mutex_lock(&net->mu);
        net->quit = 1;
        pthread_mutex_unlock(&net->mu);
        curl_multi_wakeup(net->multi);
        pthread_join(net->thread, NULL);
    }
    while (net->list) {
        req *r = net->list;
        net->list = r->next;
        if (r->easy)
            curl_multi_remove_handle(net->multi, r->easy);
        req_free(r);
    }
    if (net->multi)
        curl_multi_cleanup(net->multi);
    pthread_cond_destroy(&net->idle);
    pthread_mutex_destroy(&net->mu);
    curl_global_cleanup();
    md_free(net);
}

uint64_t md_net_start(md_net *net, const md_net_request *in)
{
    if (!net || !in || !in->url)
        return 0;
    if (strncasecmp(in->url, "http://", 7) != 0 && strncasecmp(in->url, "https://", 8) != 0) {
        md_log(MD_LOG_WARN, "NET", "refused a request that is not http(s)");
        return 0;
    }
    req *r = md_calloc(1, sizeof *r);
    if (!r)
        return 0;
    r->owner = in->owner;
    r->timeout_ms = in->timeout_ms > 0 ? in->timeout_ms : 10000;
    r->max_body_bytes = in->max_body_bytes ? in->max_body_bytes : 1024 * 1024;
    r->method = md_strdup(in->method ? in->method : "GET");
    r->url = md_strdup(in->url);
    int ok = r->method && r->url;
    if (ok && in->body && in->body_bytes) {
        r->body_out = md_malloc(in->body_bytes);
        ok = r->body_out != NULL;
        if (ok) {
            memcpy(r->body_out, in->body, in->body_bytes);
            r->body_out_bytes = in->body_bytes;
        }
    }
    /* curl adds "Expect: 100-continue" to larger POSTs; a kiosk gains nothing from the wait. */
    r->headers_out = curl_slist_append(NULL, "Expect:");
    for (int i = 0; ok && i < in->n_headers; i++) {
        struct curl_slist *l = curl_slist_append(r->headers_out, in->headers[i]);
        if (!l)
            ok = 0;
        else
            r->headers_out = l;
    }
    if (!ok) {
        md_log(MD_LOG_ERROR, "NET", "out of memory queueing a request");
        req_free(r);
        return 0;
    }
    pthread_mutex_lock(&net->mu);
    r->id = net->next_id++;
    r->state = ST_QUEUED;
    r->next = net->list;
    net->list = r;
    uint64_t id = r->id;
    pthread_mutex_unlock(&net->mu);
    curl_multi_wakeup(net->multi);
    return id;
}

/* Under the mutex. Cancelled requests are invisible to the main thread. */
static req *find(md_net *net, uint64_t id)
{
    for (req *r = net->list; r; r = r->next)
        if (r->id == id && !r->cancelled)
            return r;
    return NULL;
}

md_net_state md_net_state_of(md_net *net, uint64_t id)
{
    if (!net || !id)
        return MD_NET_NONE;
    pthread_mutex_lock(&net->mu);
    req *r = find(net, id);
    md_net_state s = !r                      ? MD_NET_NONE
                     : r->state == ST_DONE   ? MD_NET_DONE
                     : r->state == ST_FAILED ? MD_NET_FAILED
                                             : MD_NET_PENDING;
    pthread_mutex_unlock(&net->mu);
    return s;
}

/* A finished request is never touched by the worker again, so the main thread may read it
 * after finding it under the lock. */
static req *finished(md_net *net, uint64_t id, int want_state)
{
    if (!net || !id)
        return NULL;
    pthread_mutex_lock(&net->mu);
    req *r = find(net, id);
    if (r && r->state != want_state)
        r = NULL;
    pthread_mutex_unlock(&net->mu);
    return r;
}

int md_net_result(md_net *net, uint64_t id, long *status, const char **body, size_t *body_bytes)
{
    req *r = finished(net, id, ST_DONE);
    if (!r)
        return -1;
    if (status)
        *status = r->status;
    if (body)
        *body = r->body.data ? r->body.data : "";
    if (body_bytes)
        *body_bytes = r->body.len;
    return 0;
}

const char *md_net_header(md_net *net, uint64_t id, const char *name)
{
    req *r = finished(net, id, ST_DONE);
    if (!r || !r->headers_in.data || !name)
        return NULL;
    /* Split the raw block into NUL-terminated values in place, once: "Name: value\r\n". */
    size_t n_name = strlen(name);
    char *p = r->headers_in.data, *end = p + r->headers_in.len;
    while (p < end) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        char *line_end = eol ? eol : end;
        if ((size_t)(line_end - p) > n_name && strncasecmp(p, name, n_name) == 0 &&
            p[n_name] == ':') {
            char *v = p + n_name + 1;
            while (v < line_end && (*v == ' ' || *v == '\t'))
                v++;
            char *ve = line_end;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '\0'))
                ve--;
            *ve = '\0';
            return v;
        }
        p = eol ? eol + 1 : end;
    }
    return NULL;
}

const char *md_net_error(md_net *net, uint64_t id)
{
    req *r = finished(net, id, ST_FAILED);
    return r ? r->error : NULL;
}

void md_net_cancel(md_net *net, uint64_t id)
{
    if (!net || !id)
        return;
    req *gone = NULL;
    int wake_worker = 0;
    pthread_mutex_lock(&net->mu);
    for (req **pp = &net->list; *pp; pp = &(*pp)->next) {
        req *r = *pp;
        if (r->id != id || r->cancelled)
            continue;
        if (r->state == ST_RUNNING) {
            r->cancelled = 1; /* the worker removes and frees it */
            wake_worker = 1;
        } else {
            *pp = r->next;
            gone = r;
        }
        break;
    }
    pthread_cond_broadcast(&net->idle);
    pthread_mutex_unlock(&net->mu);
    req_free(gone);
    if (wake_worker)
        curl_multi_wakeup(net->multi);
}

int md_net_cancel_owner(md_net *net, const void *owner)
{
    if (!net)
        return 0;
    uint64_t ids[64];
    int total = 0, n = 0;
    do {
        n = 0;
        pthread_mutex_lock(&net->mu);
        for (req *r = net->list; r && n < 64; r = r->next)
            if (r->owner == owner && !r->cancelled)
                ids[n++] = r->id;
        pthread_mutex_unlock(&net->mu);
        for (int i = 0; i < n; i++)
            md_net_cancel(net, ids[i]);
        total += n;
    } while (n == 64);
    return total;
}

long md_net_finished(md_net *net)
{
    if (!net)
        return 0;
    pthread_mutex_lock(&net->mu);
    long n = net->finished;
    pthread_mutex_unlock(&net->mu);
    return n;
}

static int count_pending(md_net *net)
{
    int n = 0;
    for (req *r = net->list; r; r = r->next)
        if (!r->cancelled && (r->state == ST_QUEUED || r->state == ST_RUNNING))
            n++;
    return n;
}

int md_net_pending(md_net *net)
{
    if (!net)
        return 0;
    pthread_mutex_lock(&net->mu);
    int n = count_pending(net);
    pthread_mutex_unlock(&net->mu);
    return n;
}

int md_net_wait_idle(md_net *net, int max_ms)
{
    if (!net)
        return 0;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += max_ms / 1000;
    until.tv_nsec += (long)(max_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&net->mu);
    int n = count_pending(net);
    while (n > 0) {
        if (pthread_cond_timedwait(&net->idle, &net->mu, &until) != 0) {
            n = count_pending(net);
            break;
        }
        n = count_pending(net);
    }
    pthread_mutex_unlock(&net->mu);
    return n;
}

int md_net_origin_of(const char *url, char *out, size_t out_cap)
{
    if (!url || !out || out_cap == 0)
        return -1;
    out[0] = '\0';
    CURLU *u = curl_url();
    if (!u)
        return -1;
    int rc = -1;
    char *scheme = NULL, *host = NULL, *port = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0)) {
        curl_url_get(u, CURLUPART_PORT, &port, 0); /* absent when the default */
        for (char *c = host; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
        int is_default = !port || (strcmp(scheme, "http") == 0 && strcmp(port, "80") == 0) ||
                         (strcmp(scheme, "https") == 0 && strcmp(port, "443") == 0);
        int n = is_default ? snprintf(out, out_cap, "%s://%s", scheme, host)
                           : snprintf(out, out_cap, "%s://%s:%s", scheme, host, port);
        rc = (n > 0 && (size_t)n < out_cap) ? 0 : -1;
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    if (rc < 0)
        out[0] = '\0';
    return rc;
}

int md_net_origin_allowed(const char *url, const char *const *origins, int n_origins,
                          int allow_http)
{
    char want[512];
    if (md_net_origin_of(url, want, sizeof want) < 0)
        return 0;
    if (!allow_http && strncmp(want, "http://", 7) == 0)
        return 0;
    for (int i = 0; i < n_origins; i++) {
        char have[512];
        if (origins[i] && md_net_origin_of(origins[i], have, sizeof have) == 0 &&
            strcmp(have, want) == 0)
            return 1;
    }
    return 0;
}
