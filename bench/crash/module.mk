# `make bench`: crash to interactive again under the supervisor, and the 1,000,000-event soak.
MD_BENCHES += bench/crash/run.sh
