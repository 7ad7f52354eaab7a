/* PostgreSQL side of the booking service: a small connection pool, migrations, and the queries.
 * The guarantee against double booking is one statement: a conditional UPDATE of the trip run's
 * sold counters (only while they stay within capacity) feeding the INSERT of the booking, so
 * either both happen or neither; the table's CHECKs hold the line a second time. */
#include "booking.h"

#include <dirent.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODE_ALPHABET "ACDEFGHJKMNPQRTUVWXY34679" /* no 0/O, 1/I/L, 2/Z, 5/S, 8/B */
#define CODE_TRIES 8

struct bk_db {
    char *conninfo;
    pthread_mutex_t lock;
    pthread_cond_t freed;
    PGconn **idle;
    int n_idle, n_open, n_max;
    uint64_t code_seed; /* 0: random codes */
};

bk_db *bk_db_create(const char *conninfo, int n_conns)
{
    bk_db *db = calloc(1, sizeof *db);
    if (!db)
        return NULL;
    db->conninfo = strdup(conninfo);
    db->n_max = n_conns > 0 ? n_conns : 1;
    db->idle = calloc((size_t)db->n_max, sizeof *db->idle);
    if (!db->conninfo || !db->idle) {
        free(db->conninfo);
        free(db->idle);
        free(db);
        return NULL;
    }
    pthread_mutex_init(&db->lock, NULL);
    pthread_cond_init(&db->freed, NULL);
    return db;
}

void bk_db_destroy(bk_db *db)
{
    if (!db)
        return;
    for (int i = 0; i < db->n_idle; i++)
        PQfinish(db->idle[i]);
    pthread_mutex_destroy(&db->lock);
    pthread_cond_destroy(&db->freed);
    free(db->idle);
    free(db->conninfo);
    free(db);
}

/* A healthy connection, or NULL (logged) when the database cannot be reached. */
static PGconn *acquire(bk_db *db)
{
    PGconn *c = NULL;
    pthread_mutex_lock(&db->lock);
    while (db->n_idle == 0 && db->n_open >= db->n_max)
        pthread_cond_wait(&db->freed, &db->lock);
    if (db->n_idle > 0)
        c = db->idle[--db->n_idle];
    else
        db->n_open++;
    pthread_mutex_unlock(&db->lock);
    if (!c)
        c = PQconnectdb(db->conninfo);
    else if (PQstatus(c) != CONNECTION_OK)
        PQreset(c);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        bk_log("DB: cannot connect: %s", c ? PQerrorMessage(c) : "out of memory");
        PQfinish(c);
        pthread_mutex_lock(&db->lock);
        db->n_open--;
        pthread_cond_signal(&db->freed);
        pthread_mutex_unlock(&db->lock);
        return NULL;
    }
    return c;
}

static void release(bk_db *db, PGconn *c)
{
    pthread_mutex_lock(&db->lock);
    if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) == PQTRANS_IDLE) {
        db->idle[db->n_idle++] = c;
    } else {
        PQfinish(c);
        db->n_open--;
    }
    pthread_cond_signal(&db->freed);
    pthread_mutex_unlock(&db->lock);
}

static void ymd_to_iso(int32_t ymd, char out[16])
{
    snprintf(out, 16, "%04d-%02d-%02d", (int)(ymd / 10000 % 10000), (int)(ymd / 100 % 100),
             (int)(ymd % 100));
}

static int exec_ok(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok)
        bk_log("DB: %s", PQresultErrorMessage(r));
    PQclear(r);
    return ok ? 0 : -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 && n < (1 << 20) ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

int bk_db_migrate(const char *conninfo, const char *dir)
{
    PGconn *c = PQconnectdb(conninfo);
    if (PQstatus(c) != CONNECTION_OK) {
        bk_log("DB: cannot connect: %s", PQerrorMessage(c));
        PQfinish(c);
        return -1;
    }
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    int rc = -1;
    char **names = NULL;
    int n = 0;
    DIR *d = opendir(dir);
    if (!d) {
        bk_log("DB: cannot open the migrations folder %s", dir);
        goto out;
    }
    for (struct dirent *de; (de = readdir(d));) {
        size_t len = strlen(de->d_name);
        if (len < 8 || strcmp(de->d_name + len - 4, ".sql") != 0 || de->d_name[0] < '0' ||
            de->d_name[0] > '9')
            continue;
        char **grown = realloc(names, sizeof *names * (size_t)(n + 1));
        if (!grown)
            break;
        names = grown;
        names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    if (exec_ok(c, "SELECT pg_advisory_lock(727274)") < 0 ||
        exec_ok(c, "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, "
                   "applied_at timestamptz NOT NULL DEFAULT now())") < 0)
        goto out;
    for (int i = 0; i < n; i++) {
        const char *params[1] = {names[i]};
        PGresult *r = PQexecParams(c, "SELECT 1 FROM schema_migrations WHERE name = $1", 1, NULL,
                                   params, NULL, NULL, 0);
        int done = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
        int failed = PQresultStatus(r) != PGRES_TUPLES_OK;
        PQclear(r);
        if (failed)
            goto out;
        if (done)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        char *sql = slurp(path);
        if (!sql) {
            bk_log("DB: cannot read %s", path);
            goto out;
        }
        int ok = exec_ok(c, "BEGIN") == 0 && exec_ok(c, sql) == 0;
        free(sql);
        if (ok) {
            r = PQexecParams(c, "INSERT INTO schema_migrations (name) VALUES ($1)", 1, NULL, params,
                             NULL, NULL, 0);
            ok = PQresultStatus(r) == PGRES_COMMAND_OK;
            PQclear(r);
        }
        if (!ok || exec_ok(c, "COMMIT") < 0) {
            PQclear(PQexec(c, "ROLLBACK"));
            bk_log("DB: migration %s failed; nothing of it applied", names[i]);
            goto out;
        }
        bk_log("DB: applied migration %s", names[i]);
    }
    rc = 0;
out:
    PQclear(PQexec(c, "SELECT pg_advisory_unlock(727274)"));
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    PQfinish(c);
    return rc;
}

int bk_db_add_kiosk(const char *conninfo, const char *id, char *token_out)
{
    unsigned char raw[BK_TOKEN_HEX_LEN / 2], hash[crypto_hash_sha256_BYTES];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token_out, BK_TOKEN_HEX_LEN + 1, raw, sizeof raw);
    crypto_hash_sha256(hash, (const unsigned char *)token_out, BK_TOKEN_HEX_LEN);
    PGconn *c = PQconnectdb(conninfo);
    if (PQstatus(c) != CONNECTION_OK) {
        bk_log("DB: cannot connect: %s", PQerrorMessage(c));
        PQfinish(c);
        return -1;
    }
    const char *params[2] = {id, (const char *)hash};
    int lengths[2] = {0, (int)sizeof hash};
    int formats[2] = {0, 1};
    PGresult *r = PQexecParams(c, "INSERT INTO kiosks (id, token_hash) VALUES ($1, $2)", 2, NULL,
                               params, lengths, formats, 0);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        bk_log("DB: cannot add kiosk '%s': %s", id, PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
    return ok ? 0 : -1;
}

bk_status bk_db_kiosk_for_token(bk_db *db, const char *token, char *id_out)
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, (const unsigned char *)token, strlen(token));
    PGconn *c = acquire(db);
    if (!c)
        return BK_UNAVAILABLE;
    const char *params[1] = {(const char *)hash};
    int lengths[1] = {(int)sizeof hash};
    int formats[1] = {1};
    PGresult *r = PQexecParams(c, "SELECT id FROM kiosks WHERE token_hash = $1", 1, NULL, params,
                               lengths, formats, 0);
    bk_status st = BK_UNAVAILABLE;
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        st = PQntuples(r) == 1 ? BK_OK : BK_NOT_FOUND;
        if (st == BK_OK)
            snprintf(id_out, BK_KIOSK_ID_MAX + 1, "%s", PQgetvalue(r, 0, 0));
    } else {
        bk_log("DB: token lookup: %s", PQresultErrorMessage(r));
    }
    PQclear(r);
    release(db, c);
    return st;
}

bk_status bk_db_sold_on(bk_db *db, int32_t ymd,
                        void (*cb)(void *user, const char *trip_id, int seats_sold,
                                   int wheelchair_sold),
                        void *user)
{
    char date[16];
    ymd_to_iso(ymd, date);
    PGconn *c = acquire(db);
    if (!c)
        return BK_UNAVAILABLE;
    const char *params[1] = {date};
    PGresult *r = PQexecParams(c,
                               "SELECT trip_id, seats_sold, wheelchair_sold FROM trip_runs "
                               "WHERE service_date = $1",
                               1, NULL, params, NULL, NULL, 0);
    bk_status st = BK_UNAVAILABLE;
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        for (int i = 0; i < PQntuples(r); i++)
            cb(user, PQgetvalue(r, i, 0), atoi(PQgetvalue(r, i, 1)), atoi(PQgetvalue(r, i, 2)));
        st = BK_OK;
    } else {
        bk_log("DB: sold counts: %s", PQresultErrorMessage(r));
    }
    PQclear(r);
    release(db, c);
    return st;
}

static const char *sqlstate(const PGresult *r)
{
    const char *s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    return s ? s : "";
}

static const char *constraint(const PGresult *r)
{
    const char *s = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
    return s ? s : "";
}

/* The booking an earlier request with the same kiosk and key made: BK_OK, BK_NOT_FOUND, or
 * BK_UNAVAILABLE. */
static bk_status find_replay(PGconn *c, const char *kiosk_id, const char *idem_key, bk_booking *out)
{
    const char *params[2] = {kiosk_id, idem_key};
    PGresult *r = PQexecParams(c,
                               "SELECT code, seats, wheelchair FROM bookings "
                               "WHERE kiosk_id = $1 AND idempotency_key = $2",
                               2, NULL, params, NULL, NULL, 0);
    bk_status st = BK_UNAVAILABLE;
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        st = PQntuples(r) == 1 ? BK_OK : BK_NOT_FOUND;
        if (st == BK_OK) {
            snprintf(out->code, sizeof out->code, "%s", PQgetvalue(r, 0, 0));
            out->seats = atoi(PQgetvalue(r, 0, 1));
            out->wheelchair = PQgetvalue(r, 0, 2)[0] == 't';
            out->replayed = 1;
        }
    }
    PQclear(r);
    return st;
}

/* Codes come from libsodium's generator, or, for tests only (bk_db_set_code_seed), from a fixed
 * sequence so that screenshots of tickets are stable. */
static void new_code(bk_db *db, char code[BK_CODE_LEN + 1])
{
    static const char alphabet[] = CODE_ALPHABET;
    uint64_t x = 0;
    if (db->code_seed) {
        pthread_mutex_lock(&db->lock);
        db->code_seed ^= db->code_seed << 13;
        db->code_seed ^= db->code_seed >> 7;
        db->code_seed ^= db->code_seed << 17;
        x = db->code_seed;
        pthread_mutex_unlock(&db->lock);
    }
    for (int i = 0; i < BK_CODE_LEN; i++) {
        uint32_t n = (uint32_t)(sizeof alphabet - 1);
        if (db->code_seed) {
            code[i] = alphabet[x % n];
            x /= n;
        } else {
            code[i] = alphabet[randombytes_uniform(n)];
        }
    }
    code[BK_CODE_LEN] = '\0';
}

void bk_db_set_code_seed(bk_db *db, uint64_t seed)
{
    db->code_seed = seed;
}

bk_status bk_db_book(bk_db *db, const char *trip_id, int32_t ymd, int seats_total,
                     int wheelchair_total, int seats, int wheelchair, const char *kiosk_id,
                     const char *idem_key, bk_booking *out)
{
    memset(out, 0, sizeof *out);
    char date[16], s_total[16], w_total[16], s_n[16], w_n[16];
    ymd_to_iso(ymd, date);
    snprintf(s_total, sizeof s_total, "%d", seats_total);
    snprintf(w_total, sizeof w_total, "%d", wheelchair_total);
    snprintf(s_n, sizeof s_n, "%d", seats);
    snprintf(w_n, sizeof w_n, "%d", wheelchair ? 1 : 0);
    PGconn *c = acquire(db);
    if (!c)
        return BK_UNAVAILABLE;
    bk_status st = BK_UNAVAILABLE;
    if (idem_key) {
        st = find_replay(c, kiosk_id, idem_key, out);
        if (st != BK_NOT_FOUND)
            goto done;
    }
    {
        const char *params[4] = {trip_id, date, s_total, w_total};
        PGresult *r = PQexecParams(c,
                                   "INSERT INTO trip_runs (trip_id, service_date, seats_total, "
                                   "wheelchair_total) VALUES ($1, $2, $3, $4) "
                                   "ON CONFLICT DO NOTHING",
                                   4, NULL, params, NULL, NULL, 0);
        int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok)
            bk_log("DB: trip run: %s", PQresultErrorMessage(r));
        PQclear(r);
        if (!ok) {
            st = BK_UNAVAILABLE;
            goto done;
        }
    }
    st = BK_UNAVAILABLE;
    for (int attempt = 0; attempt < CODE_TRIES; attempt++) {
        new_code(db, out->code);
        const char *params[7] = {trip_id, date, s_n, w_n, out->code, kiosk_id, idem_key};
        PGresult *r = PQexecParams(
            c,
            "WITH run AS (UPDATE trip_runs SET seats_sold = seats_sold + $3::int, "
            "  wheelchair_sold = wheelchair_sold + $4::int "
            "  WHERE trip_id = $1 AND service_date = $2 "
            "    AND seats_sold + $3::int <= seats_total "
            "    AND wheelchair_sold + $4::int <= wheelchair_total "
            "  RETURNING trip_id, service_date) "
            "INSERT INTO bookings (code, trip_id, service_date, seats, wheelchair, kiosk_id, "
            "  idempotency_key) "
            "SELECT $5, trip_id, service_date, $3::int, $4::int = 1, $6, $7 FROM run "
            "RETURNING code",
            7, NULL, params, NULL, NULL, 0);
        ExecStatusType rs = PQresultStatus(r);
        if (rs == PGRES_TUPLES_OK) {
            st = PQntuples(r) == 1 ? BK_OK : BK_FULL;
            out->seats = seats;
            out->wheelchair = wheelchair ? 1 : 0;
            PQclear(r);
            break;
        }
        int unique = strcmp(sqlstate(r), "23505") == 0;
        int code_taken = unique && strcmp(constraint(r), "bookings_pkey") == 0;
        if (!unique)
            bk_log("DB: booking: %s", PQresultErrorMessage(r));
        PQclear(r);
        if (code_taken)
            continue; /* another booking holds this code: draw again (the statement undid all) */
        if (unique && idem_key) {
            st = find_replay(c, kiosk_id, idem_key, out); /* a concurrent retry won */
            if (st == BK_NOT_FOUND)
                st = BK_UNAVAILABLE;
        }
        break;
    }
done:
    release(db, c);
    return st;
}

bk_status bk_db_cancel(bk_db *db, const char *code)
{
    PGconn *c = acquire(db);
    if (!c)
        return BK_UNAVAILABLE;
    const char *params[1] = {code};
    PGresult *r = PQexecParams(
        c,
        "WITH gone AS (DELETE FROM bookings WHERE code = $1 "
        "  RETURNING trip_id, service_date, seats, wheelchair) "
        "UPDATE trip_runs t SET seats_sold = t.seats_sold - gone.seats, "
        "  wheelchair_sold = t.wheelchair_sold - gone.wheelchair::int "
        "FROM gone WHERE t.trip_id = gone.trip_id AND t.service_date = gone.service_date "
        "RETURNING 1",
        1, NULL, params, NULL, NULL, 0);
    bk_status st = BK_UNAVAILABLE;
    if (PQresultStatus(r) == PGRES_TUPLES_OK)
        st = PQntuples(r) == 1 ? BK_OK : BK_NOT_FOUND;
    else
        bk_log("DB: cancel: %s", PQresultErrorMessage(r));
    PQclear(r);
    release(db, c);
    return st;
}
