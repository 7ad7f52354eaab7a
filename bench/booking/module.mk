# `make bench`: the booking service's figures (bookings per second on one PostgreSQL, p99).
MD_BENCHES += bench/booking/run.sh
