/* Test-only plugin for ABI 1.5 (tests/hub/run.sh): asks the data hub for vehicles near the
 * kiosk, makes HTTP requests to an allowed and a refused origin, and counts an anonymous event.
 * On a host older than 1.5 it says so and stays quiet. */
#include <madang/plugin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct probe {
    md_plugin_ctx *ctx;
    const md_host *host;
    int has_net;
    uint64_t query;
    uint64_t req; /* visitor state: the host frees it on reset */
    int refused;  /* visitor state */
    int last_gen;
    int n_vehicles;
    char line[128];
} probe;

static int probe_init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    probe *p = calloc(1, sizeof *p);
    if (!p)
        return -1;
    p->ctx = ctx;
    p->host = host;
    p->has_net = MD_HOST_HAS(host, count_event);
    if (!p->has_net)
        host->log(ctx, MD_LOG_INFO, "host has no network (ABI 1.%d): hub data off",
                  host->abi_minor);
    else
        p->query = host->hub_query(ctx, "Vehicle", NULL, "name,location", 3000, 30);
    *state = p;
    return 0;
}

static void probe_enter(void *state)
{
    (void)state;
}

static int count_of(const char *json, const char *needle)
{
    int n = 0;
    for (const char *s = json ? strstr(json, needle) : NULL; s; s = strstr(s + 1, needle))
        n++;
    return n;
}

static void probe_frame(void *state)
{
    probe *p = state;
    const md_host *h = p->host;
    md_plugin_ctx *c = p->ctx;
    h->ui_heading(c, "Hub probe");
    if (!p->has_net) {
        h->ui_text(c, "No network on this host", MD_TEXT_BODY);
        return;
    }
    const char *json = NULL;
    int gen = h->hub_result(c, p->query, &json, NULL, NULL);
    if (gen != p->last_gen && gen > 0) {
        p->n_vehicles = count_of(json, "\"urn:ngsi-ld:Vehicle:");
        p->last_gen = gen;
    }
    char text[64];
    if (gen > 0)
        snprintf(text, sizeof text, "Vehicles nearby: %d", p->n_vehicles);
    else
        snprintf(text, sizeof text, "No vehicle data yet");
    h->ui_text(c, text, MD_TEXT_LARGE);
    const char *base = h->config(c, "probe_url");
    if (h->ui_button(c, "Fetch", MD_TONE_NORMAL) && base) {
        h->http_free(c, p->req);
        const char *hdr[] = {"Accept: application/json"};
        p->req = h->http_start(c, "GET", base, hdr, 1, NULL, 0, 2000, 0);
    }
    if (h->ui_button(c, "Fetch elsewhere", MD_TONE_NORMAL))
        p->refused = h->http_start(c, "GET", "https://example.com/", NULL, 0, NULL, 0, 0, 0) == 0;
    switch (h->http_state(c, p->req)) {
    case MD_HTTP_PENDING:
        snprintf(p->line, sizeof p->line, "HTTP pending");
        break;
    case MD_HTTP_DONE:
        snprintf(p->line, sizeof p->line, "HTTP %d%s", h->http_status(c, p->req),
                 h->http_header(c, p->req, "Content-Type") ? " json" : "");
        break;
    case MD_HTTP_FAILED:
        snprintf(p->line, sizeof p->line, "HTTP failed");
        break;
    default:
        snprintf(p->line, sizeof p->line, "HTTP idle");
        break;
    }
    h->ui_text(c, p->line, MD_TEXT_BODY);
    if (p->refused)
        h->ui_text(c, "Refused", MD_TEXT_BODY);
    if (h->ui_button(c, "Done", MD_TONE_PRIMARY))
        h->count_event(c, "probe-done");
}

static void probe_reset(void *state)
{
    probe *p = state;
    p->req = 0; /* the host cancelled and freed it */
    p->refused = 0;
}

static void probe_shutdown(void *state)
{
    free(state);
}

static const md_plugin_desc k_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = 0, /* checks MD_HOST_HAS before using 1.5's network */
    .id = "org.madang.hubprobe",
    .version = "0.1.0",
    .title = "Hub probe",
    .icon = NULL,
    .init = probe_init,
    .enter = probe_enter,
    .frame = probe_frame,
    .locale_changed = NULL,
    .content_updated = NULL,
    .reset = probe_reset,
    .shutdown = probe_shutdown,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
