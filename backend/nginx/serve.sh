#!/bin/sh
# Starts or stops nginx on loopback serving a folder of published Madang releases, with its own
# prefix, pid, logs and temp files in RUN (never /etc/nginx, /var/log or a system service).
#   backend/nginx/serve.sh start ROOT PORT RUN     (daemonizes; RUN/nginx.pid; waits until it answers)
#   backend/nginx/serve.sh stop RUN                (stops that nginx only, by its pid file)
# SLOW_RATE (default 256k) is the rate of /slow/. With TLS_CERT and TLS_KEY (PEM files) the same
# locations are also served over HTTPS on port PORT+1. Releases are then at http://127.0.0.1:PORT/<name>/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:-}
case "$cmd" in
start)
    root=$(cd "$2" && pwd); port=$3; run=$4
    mkdir -p "$run"
    run=$(cd "$run" && pwd)
    echo_mod=/usr/lib/nginx/modules/ngx_http_echo_module.so
    if [ -f "$echo_mod" ]; then
        load="load_module $echo_mod;"
        endless='default_type application/octet-stream; echo_duplicate 4000000 "0123456789abcdef";'
    else
        load=""
        endless='return 503;'
    fi
    tls=""
    if [ -n "${TLS_CERT:-}" ] && [ -n "${TLS_KEY:-}" ]; then
        tls="listen ${LISTEN:-127.0.0.1}:$((port + 1)) ssl; ssl_certificate $TLS_CERT; ssl_certificate_key $TLS_KEY;"
    fi
    sed -e "s|@ROOT@|$root|g" -e "s|@TLS@|$tls|" -e "s|@PORT@|$port|g" -e "s|@RUN@|$run|g" \
        -e "s|@LISTEN@|${LISTEN:-127.0.0.1}|g" -e "s|@SLOW_RATE@|${SLOW_RATE:-256k}|g" \
        -e "s|@LOAD_ECHO@|$load|" -e "s|@ENDLESS@|$endless|" \
        "$here/nginx.conf.in" > "$run/nginx.conf"
    if [ "$(id -u)" = 0 ]; then
        # Workers drop to nobody: the served folders must be readable by it.
        echo "user nobody nogroup;" | cat - "$run/nginx.conf" > "$run/nginx.conf.new"
        mv "$run/nginx.conf.new" "$run/nginx.conf"
    fi
    nginx -p "$run" -e "$run/error.log" -c "$run/nginx.conf"
    i=0
    while [ $i -lt 100 ]; do
        if curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then exit 0; fi
        sleep 0.05; i=$((i + 1))
    done
    echo "serve.sh: nginx did not answer on port $port (see $run/error.log)" >&2
    exit 1
    ;;
stop)
    run=$2
    [ -f "$run/nginx.pid" ] || exit 0
    pid=$(cat "$run/nginx.pid")
    kill "$pid" 2>/dev/null || true
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$run/nginx.pid"
    ;;
*)
    echo "usage: serve.sh start ROOT PORT RUN | stop RUN" >&2
    exit 2
    ;;
esac
