# `make bench`: the runtime's figures (bench/runtime/run.sh drives `madang --bench`).
MD_BENCHES += bench/runtime/run.sh
