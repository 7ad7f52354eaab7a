/* The shuttle booking service (backend/booking): a stateless HTTP JSON front (libmicrohttpd) over
 * PostgreSQL (libpq). PostgreSQL alone guarantees that no seat is sold twice, so any number of
 * instances can run behind one load balancer. Nothing here stores who a traveller is.
 */
#ifndef MD_BOOKING_H
#define MD_BOOKING_H

#include <stddef.h>
#include <stdint.h>

#include "gtfs/gtfs.h"

#define BK_CODE_LEN 6
#define BK_KIOSK_ID_MAX 64
#define BK_TOKEN_HEX_LEN 64

/* ---- database (db.c) ---- */

typedef struct bk_db bk_db;

/* A pool of n_conns connections to conninfo, opened lazily. NULL on allocation failure. */
bk_db *bk_db_create(const char *conninfo, int n_conns);
void bk_db_destroy(bk_db *db);

/* Tests only: booking codes from a fixed sequence starting at seed (non-zero), so screenshots of
 * tickets are stable. Never in production: codes would be guessable. */
void bk_db_set_code_seed(bk_db *db, uint64_t seed);

/* Applies the migrations/NNN_*.sql files of dir not yet applied, in order, under an advisory lock
 * (several instances may start at once). 0, or -1 with the reason logged. */
int bk_db_migrate(const char *conninfo, const char *dir);

/* Creates kiosk id with a new random token, writes the token (hex, NUL-terminated) into
 * token_out[BK_TOKEN_HEX_LEN + 1]. Only the token's SHA-256 is stored. 0, or -1 (logged). */
int bk_db_add_kiosk(const char *conninfo, const char *id, char *token_out);

typedef enum bk_status {
    BK_OK = 0,
    BK_FULL,        /* not enough seats or wheelchair places left */
    BK_NOT_FOUND,   /* no such booking / token */
    BK_UNAVAILABLE, /* the database cannot be reached or failed */
} bk_status;

typedef struct bk_booking {
    char code[BK_CODE_LEN + 1];
    int seats;
    int wheelchair; /* 0 or 1 */
    int replayed;   /* 1 when an earlier request with the same idempotency key made it */
} bk_booking;

/* The kiosk whose token this is (id_out[BK_KIOSK_ID_MAX + 1]). BK_OK, BK_NOT_FOUND or
 * BK_UNAVAILABLE. */
bk_status bk_db_kiosk_for_token(bk_db *db, const char *token, char *id_out);

/* Sold counts of every trip run on service date ymd, through cb. BK_OK or BK_UNAVAILABLE. */
bk_status bk_db_sold_on(bk_db *db, int32_t ymd,
                        void (*cb)(void *user, const char *trip_id, int seats_sold,
                                   int wheelchair_sold),
                        void *user);

/* Books seats (+ the wheelchair place when wheelchair is 1) on trip_id's run of ymd, creating the
 * run with the given capacity on first use. idem_key (may be NULL) makes retries safe: a second
 * request with the same kiosk and key returns the first booking (replayed = 1). */
bk_status bk_db_book(bk_db *db, const char *trip_id, int32_t ymd, int seats_total,
                     int wheelchair_total, int seats, int wheelchair, const char *kiosk_id,
                     const char *idem_key, bk_booking *out);

/* Cancels a booking by code and gives its seats back. BK_OK, BK_NOT_FOUND or BK_UNAVAILABLE. */
bk_status bk_db_cancel(bk_db *db, const char *code);

/* ---- HTTP (http.c) ---- */

typedef struct bk_server_opts {
    const char *listen;             /* "HOST:PORT", "[V6]:PORT" */
    const char *tls_cert, *tls_key; /* PEM files, both or neither */
    int n_threads;
    double rate_per_s;  /* per kiosk token bucket refill */
    double rate_burst;  /* and capacity */
    int max_days_ahead; /* when no GTFS booking rule says otherwise */
} bk_server_opts;

typedef struct bk_server bk_server;

bk_server *bk_server_start(const bk_server_opts *opts, bk_db *db, const gtfs_feed *feed);
void bk_server_stop(bk_server *srv);

/* ---- shared helpers ---- */

void bk_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* MD_BOOKING_H */
