-- Madang booking service, schema 1. No visitor data: a booking holds a code, a trip run, seat
-- counts and the kiosk that made it. PostgreSQL guarantees that no seat is sold twice: the sold
-- counters can never pass the capacity (CHECK), and a booking is one conditional UPDATE + INSERT
-- in a single statement (see backend/booking/db.c).

CREATE TABLE kiosks (
    id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
    token_hash  bytea NOT NULL UNIQUE,          -- SHA-256 of the bearer token; the token is never stored
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per trip and service date, created on the first booking from the GTFS capacity.
CREATE TABLE trip_runs (
    trip_id           text NOT NULL,
    service_date      date NOT NULL,
    seats_total       integer NOT NULL CHECK (seats_total >= 0),
    wheelchair_total  integer NOT NULL CHECK (wheelchair_total >= 0),
    seats_sold        integer NOT NULL DEFAULT 0,
    wheelchair_sold   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (trip_id, service_date),
    CHECK (seats_sold BETWEEN 0 AND seats_total),
    CHECK (wheelchair_sold BETWEEN 0 AND wheelchair_total)
);

CREATE TABLE bookings (
    code             text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{6}$'),
    trip_id          text NOT NULL,
    service_date     date NOT NULL,
    seats            integer NOT NULL CHECK (seats BETWEEN 0 AND 4),
    wheelchair       boolean NOT NULL,
    kiosk_id         text NOT NULL REFERENCES kiosks (id),
    idempotency_key  text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (trip_id, service_date) REFERENCES trip_runs (trip_id, service_date),
    UNIQUE (kiosk_id, idempotency_key),
    CHECK (seats > 0 OR wheelchair)
);
