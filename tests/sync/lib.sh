# Shared by tests/sync/run.sh and bench/sync/run.sh: a scratch folder, keys, a real nginx on
# loopback (backend/nginx/serve.sh, stopped by the trap), release inputs made from the health
# plugin's sample content and the shipped locale packs, and kiosk configurations.
# Needs: root (the repository), B (the build dir's bin), T (the scratch folder).

sync_rand() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }

# Starts nginx serving $T/srv on a free loopback port: sets PORT.
sync_start_server() {
    mkdir -p "$T/srv"
    chmod 755 "$T" "$T/srv"
    for _try in 1 2 3 4 5 6 7 8; do
        PORT=$((20000 + $(sync_rand) % 30000))
        if SLOW_RATE=${SLOW_RATE:-8m} sh "$root/backend/nginx/serve.sh" start "$T/srv" "$PORT" "$T/run" 2>"$T/serve.err"; then
            return 0
        fi
    done
    cat "$T/serve.err" >&2
    return 1
}

sync_stop_server() {
    [ -d "$T/run" ] && sh "$root/backend/nginx/serve.sh" stop "$T/run"
    return 0
}

# A release input: the health guide's sample content and every shipped locale pack.
sync_make_input() { # DIR
    mkdir -p "$1/content"
    cp -r "$root/plugins/health/content" "$1/content/kr.go.ansan.health"
    cp -r "$root/plugins/example/content" "$1/content/org.madang.example"
    cp -r "$root/locales" "$1/locales"
    rm -f "$1/locales/"*.pot
}

# v2 of an input: one clinic renamed, one Vietnamese string changed.
sync_make_v2() { # FROM TO
    cp -r "$1" "$2"
    sed -i 's/"en": "Wongok Hana Internal Medicine Clinic"/"en": "Hana Sarang Family Clinic"/' \
        "$2/content/kr.go.ansan.health/clinics.json"
    sed -i 's/^msgstr "Hướng dẫn sức khỏe"$/msgstr "Cẩm nang sức khỏe"/' \
        "$2/locales/vi/kr.go.ansan.health.po"
}

# A kiosk configuration syncing from http://127.0.0.1:$PORT/NAME into DIR.
sync_conf() { # FILE NAME DIR [THRESHOLD] [KEYS]
    cat > "$1" <<CONF
[kiosk]
plugin_dir = $root/${MD_BUILD:-build}/plugins
storage_dir = $T/storage
languages = ko en vi
[sync]
url = http://127.0.0.1:$PORT/$2
keys = ${5:-$T/k1.pub $T/k2.pub}
threshold = ${4:-1}
interval_s = 3600
dir = $3
allow_http = yes
CONF
}

# The version `current` names in a kiosk's sync dir ("v3"), or "none".
sync_current() { # DIR
    readlink "$1/current" 2>/dev/null | sed 's,^releases/,,' || echo none
}
