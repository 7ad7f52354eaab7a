# `make bench`: sync figures against nginx on loopback (bench/sync/run.sh).
MD_BENCHES += bench/sync/run.sh
