#!/bin/sh
# Lint test suite: every folder in cases/ is a small pack with one kind of mistake (or none); lint
# must print exactly cases/<name>/expected (file:line: reason, summary, exit code). A case with a
# trees/ folder is linted with --trees (the width check, laid out by the real text engine). Then: the
# shipped packs lint clean and pass `msgfmt --check`, `stats` covers all 17 languages, and
# `update` extracts and merges in a scratch tree. Prints "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tool="$root/${MD_BUILD:-build}/bin/madang-locale"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { fail=$((fail+1)); echo "FAIL: $*"; }

for dir in "$here"/cases/*/; do
    name=$(basename "$dir")
    trees=""; [ -d "$dir/trees" ] && trees="--trees trees"
    got=$(cd "$dir" && "$tool" lint $trees $(find . -name '*.po' -o -name '*.pot' -o -name locales.conf | sort | sed 's,^\./,,') 2>&1; echo "exit $?")
    if [ "$got" = "$(cat "$dir/expected")" ]; then ok; else
        bad "lint case $name"; printf 'expected:\n%s\ngot:\n%s\n' "$(cat "$dir/expected")" "$got"; fi
done

# --fix-zawgyi rewrites the Zawgyi translation as Unicode, marks it fuzzy, and the pack lints clean.
z=$(mktemp -d /tmp/md-locale-zawgyi-XXXXXX)
cp -r "$here/cases/zawgyi/my" "$z/"
(cd "$z" && "$tool" lint --fix-zawgyi my/runtime.po >/dev/null) && (cd "$z" && "$tool" lint my/runtime.po >/dev/null) &&
    grep -B2 '^msgstr "မြန်မာ"$' "$z/my/runtime.po" | grep -q '^#, fuzzy$' &&
    msgfmt --check -o /dev/null "$z/my/runtime.po" 2>/dev/null && ok || bad "lint --fix-zawgyi"
rm -rf "$z"

out=$("$tool" lint "$root/locales" 2>&1); rc=$?
[ $rc = 0 ] && ok || { bad "shipped packs do not lint clean"; echo "$out" | tail -n 20; }

n=0; nbad=0
for po in "$root"/locales/*/*.po "$root"/locales/*.pot; do
    [ -f "$po" ] || continue
    n=$((n+1))
    msgfmt --check -o /dev/null "$po" 2>/tmp/md-msgfmt.$$ || { nbad=$((nbad+1)); echo "msgfmt --check $po:"; cat /tmp/md-msgfmt.$$; }
done
rm -f /tmp/md-msgfmt.$$
[ $n -ge 18 ] && [ $nbad = 0 ] && ok || bad "msgfmt --check on shipped packs ($nbad of $n failed)"

stats=$("$tool" stats "$root/locales"); rc=$?
nl=$(printf '%s\n' "$stats" | grep -c ' runtime ')
[ $rc = 0 ] && [ "$nl" = 17 ] && ok || bad "stats lists runtime for $nl languages, want 17"
printf '%s\n' "$stats" | grep -Eq '^ru +runtime +[0-9]+ +[0-9]+ +0$' && ok || bad "stats: ru runtime row"

# preview: what a kiosk shows, with ICU plurals of the language.
idle="The screen will start over in {seconds, plural, one {# second} other {# seconds}}."
[ "$("$tool" preview --locales "$root/locales" ru "$idle" seconds=21)" = "Экран сбросится через 21 секунду." ] &&
[ "$("$tool" preview --locales "$root/locales" ru "$idle" seconds=3)" = "Экран сбросится через 3 секунды." ] &&
[ "$("$tool" preview --locales "$root/locales" ru "$idle" seconds=5)" = "Экран сбросится через 5 секунд." ] &&
[ "$("$tool" preview --locales "$root/locales" uz-Latn "Still there?" 2>/dev/null)" = "Hali shu yerdamisiz?" ] &&
[ "$("$tool" preview --locales "$root/locales" ko "Not a message" 2>/dev/null)" = "Not a message" ] && ok || bad "preview"
"$tool" preview --locales "$root/locales" fr "Home" >/dev/null 2>&1 && bad "preview of a language not offered succeeded" || ok
# preview says which domain it read, and names the domain that has a message the default lacks.
err=$("$tool" preview --locales "$root/locales" vi "Where does it hurt?" 2>&1 >/dev/null)
printf '%s\n' "$err" | grep -q 'domain runtime (the default' &&
printf '%s\n' "$err" | grep -q 'add --domain kr.go.ansan.health' && ok || bad "preview does not say its domain: $err"
[ "$("$tool" preview --locales "$root/locales" --domain kr.go.ansan.health vi "Where does it hurt?" 2>/dev/null)" = "Bạn đau ở đâu?" ] && ok || bad "preview --domain"
# stats takes the locales folder; given the packs (a shell glob) it says so, with its usage.
err=$("$tool" stats "$root"/locales/*/*.po 2>&1); rc=$?
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q 'expects one folder, the one holding locales.conf' &&
printf '%s\n' "$err" | grep -q 'usage: madang-locale stats \[LOCALES_DIR\]' && ok || bad "stats with files: $err"

# update: a scratch tree with runtime and plugin sources.
t=$(mktemp -d /tmp/md-locale-update-XXXXXX)
mkdir -p "$t/runtime/ui" "$t/plugins/demo" "$t/locales/ko" "$t/locales/ru"
cp "$root/locales/locales.conf" "$t/locales/"
cat > "$t/runtime/ui/home.c" <<'C'
static void f(md_i18n *i) { md_i18n_tr(i, "runtime", NULL, "Home"); md_i18n_tr(i, "runtime", "noun", "Book"); }
static const char *const labels[] = {N_("Library"), NULL};
C
# The plugin's id (its domain) is read from the built .so's descriptor, so the source spells it
# in a way no text search would find; a second plugin folder is not built and is skipped.
cat > "$t/plugins/demo/demo.c" <<'C'
#include "madang/plugin.h"
#define ORG "org.example"
static const md_host *host;
static void frame(void *state)
{
    md_plugin_ctx *c = state;
    md_arg a[1] = {{0}};
    host->tr(c, "Clinics");
    host->trc(c, "verb", "Book");
    host->format(c, NULL, "{n} beds", a, 1);
}
static const md_plugin_desc d = {.struct_size = sizeof(md_plugin_desc), .abi_major = MD_PLUGIN_ABI_MAJOR,
                                 .abi_minor = MD_PLUGIN_ABI_MINOR, .id = ORG ".demo", .frame = frame};
MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void) { return &d; }
C
# Content texts: a map that lacks languages goes into the template with the context "content";
# one with every offered language does not.
mkdir -p "$t/plugins/demo/content"
langs=$(sed -n 's/^\[\(.*\)\]$/\1/p' "$t/locales/locales.conf")
full=$(for l in $langs; do printf '"%s": "x-%s", ' "$l" "$l"; done | sed 's/, $//')
printf '{"clinics": [{"name": {"en": "Demo Clinic", "ko": "데모의원"}, "note": {%s}}]}\n' "$full" \
    > "$t/plugins/demo/content/clinics.json"
mkdir -p "$t/plugins/unbuilt" "$t/build/plugins"
printf 'static const md_plugin_desc d = { .id = "org.example.unbuilt" };\nvoid f(void) { host->tr(c, "Unbuilt"); }\n' > "$t/plugins/unbuilt/unbuilt.c"
${CC:-cc} -shared -fPIC -I"$root/include" -o "$t/build/plugins/demo.so" "$t/plugins/demo/demo.c" || bad "cannot build the demo plugin"
printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Home"\nmsgstr "홈"\n\nmsgid "Gone"\nmsgstr "사라짐"\n' > "$t/locales/ko/runtime.po"
"$tool" update --root "$t" >/dev/null 2>"$t/err"; rc=$?
[ $rc = 0 ] || { bad "update exit $rc"; cat "$t/err"; }
grep -q '^msgid "Library"' "$t/locales/runtime.pot" && grep -q '^msgctxt "noun"' "$t/locales/runtime.pot" && ok || bad "update: runtime.pot lacks extracted strings"
grep -q '^msgid "{n} beds"' "$t/locales/org.example.demo.pot" && grep -q '^msgctxt "verb"' "$t/locales/org.example.demo.pot" && ok || bad "update: plugin template"
grep -B1 '^msgid "Demo Clinic"' "$t/locales/org.example.demo.pot" | grep -q '^msgctxt "content"' &&
! grep -q '^msgid "x-en"' "$t/locales/org.example.demo.pot" && ok || bad "update: content texts that lack a language not in the template (or complete ones in it)"
[ ! -e "$t/locales/demo.pot" ] && [ ! -e "$t/locales/org.example.unbuilt.pot" ] && [ ! -e "$t/locales/unbuilt.pot" ] && grep -q 'plugins/unbuilt skipped' "$t/err" && ok || bad "update: plugin ids not from the built plugins (or the unbuilt one not skipped)"
grep -A1 '^msgid "Home"' "$t/locales/ko/runtime.po" | grep -q '홈' && grep -q '^msgid "Library"' "$t/locales/ko/runtime.po" && grep -q '^#~ msgid "Gone"' "$t/locales/ko/runtime.po" && ok || bad "update: merge into ko kept/added/obsoleted wrongly"
[ -f "$t/locales/ru/org.example.demo.po" ] && grep -q '^"Language: ru' "$t/locales/ru/org.example.demo.po" && ok || bad "update: new pack for ru"
n=0; for po in "$t"/locales/*/*.po; do msgfmt --check -o /dev/null "$po" 2>/dev/null || n=$((n+1)); done
[ $n = 0 ] && ok || bad "update: $n packs fail msgfmt --check"
"$tool" lint "$t/locales" >/dev/null && ok || bad "update: result does not lint"
rm -rf "$t"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
