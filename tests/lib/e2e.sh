# Shared by the scripted end-to-end tests (sourced, POSIX sh). Both functions count through the
# caller's ok/bad functions.

# Sanitizer settings for kiosk runs under ASan: slow unwinding so the suppressions in
# tests/e2e/lsan.supp can see the libSDL2 frames below dlopened modules (leaks inside SDL's own
# graphics libraries). A windowed run with Mesa's GL driver must not use the slow unwinder: it
# deadlocks on libgcc's lock (see the SIGTERM case in tests/e2e/run.sh).
#   e2e_sanitizer_env ROOT
e2e_sanitizer_env() {
    export ASAN_OPTIONS="fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    export LSAN_OPTIONS="suppressions=$1/tests/e2e/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
}

# Every "# expect-log: TEXT" header line of SCRIPT must appear in DIR/log.txt (one ok, or a bad
# per missing line).
#   check_expect_logs RUN_NAME SCRIPT DIR
check_expect_logs() {
    _name=$1 _script=$2 _dir=$3 _ok=1
    sed -n 's/^# expect-log: //p' "$_script" > "$_dir/expect-log.txt"
    while IFS= read -r _want; do
        grep -qF -- "$_want" "$_dir/log.txt" || { bad "$_name: log lacks \"$_want\""; _ok=0; }
    done < "$_dir/expect-log.txt"
    [ "$_ok" = 1 ] && ok
}

# Compares every DIR/*.png with its golden image GOLDEN_DIR/<same name> using md-imgdiff. With
# MD_UPDATE_GOLDEN=1 it writes missing or changed goldens instead of failing: open and look at
# every one it writes before committing it. Every shot the kiosk wrote (with its NAME.a11y.json
# beside it) also goes through md-a11y-lint: text contrast and size for the mode in force, and
# control heights in low-reach mode (docs/ACCESSIBILITY.md), the 4.8 mm capital height in every
# mode.
#   golden_check_shots RUN_NAME DIR GOLDEN_DIR IMGDIFF
golden_check_shots() {
    _name=$1 _dir=$2 _golden_dir=$3 _imgdiff=$4
    _lint="$(dirname "$_imgdiff")/md-a11y-lint"
    for _png in "$_dir"/*.png; do
        [ -e "$_png" ] || continue
        case "$_png" in *.diff.png) continue ;; esac
        if [ -e "${_png%.png}.a11y.json" ]; then
            if "$_lint" "$_png" > "${_png%.png}.lint.txt" 2>&1; then ok
            else bad "$_name: $(basename "$_png") fails the accessibility lint: $(cat "${_png%.png}.lint.txt")"; fi
        fi
        _shot=$(basename "$_png")
        _golden="$_golden_dir/$_shot"
        if [ "${MD_UPDATE_GOLDEN:-0}" = 1 ]; then
            if [ ! -e "$_golden" ] || ! "$_imgdiff" "$_golden" "$_png" >/dev/null 2>&1; then
                mkdir -p "$_golden_dir"; cp "$_png" "$_golden"; echo "updated $_golden"
            fi
            ok; continue
        fi
        if [ ! -e "$_golden" ]; then
            bad "$_name: no golden image $_golden (MD_UPDATE_GOLDEN=1 creates it; look at it)"
        elif "$_imgdiff" "$_golden" "$_png" --diff "$_dir/${_shot%.png}.diff.png" \
            > "$_dir/${_shot%.png}.diff.txt" 2>&1; then
            ok
        else
            bad "$_name: $_shot differs from its golden: $(cat "$_dir/${_shot%.png}.diff.txt")"
        fi
    done
}
