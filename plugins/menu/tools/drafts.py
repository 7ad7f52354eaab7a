#!/usr/bin/env python3
# Fills the menu's PO files with the team's drafts (drafts_ui.py, drafts_content.py,
# drafts_desc.py), each marked
# "#, fuzzy": shown to visitors but listed by `madang-locale stats` as waiting for a native
# speaker's review. Entries a translator has already filled in are never overwritten. Run after
# `madang-locale update --domain kr.go.ansan.menu`:
#     python3 plugins/menu/tools/drafts.py
import os, re, sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from drafts_ui import UI
from drafts_content import LANGS, MORE, MORE_LANGS, NAMES
from drafts_desc import DESC
root = os.path.abspath(os.path.join(here, '..', '..', '..'))

def po_escape(s):
    return s.replace('\\', '\\\\').replace('"', '\\"')

def unescape(s):
    return s.replace('\\"', '"').replace('\\\\', '\\')

# English is the source: its pack says each msgid as it is (like every domain's en pack), so the
# fallback chain never skips past it.
en = os.path.join(root, 'locales', 'en', 'kr.go.ansan.menu.po')
blocks = open(en, encoding='utf-8').read().split('\n\n')
for k, b in enumerate(blocks):
    m = re.search(r'^msgid ((?:"[^\n]*"\n?)+)msgstr ""\s*$', b, re.M)
    if m and 'msgid_plural' not in b:
        mid = ''.join(re.findall(r'"(.*)"', m.group(1)))
        if mid:
            blocks[k] = b[:b.rindex('msgstr ""')] + 'msgstr "%s"' % mid
open(en, 'w', encoding='utf-8').write('\n\n'.join(blocks))

for lang in sorted(set(UI) | set(LANGS) | set(MORE_LANGS)):
    table = dict(UI.get(lang, {}))
    if lang in LANGS:
        i = LANGS.index(lang)
        for en, tr in NAMES.items():
            table.setdefault(en, tr[i])
        for en, tr in DESC.items():
            table.setdefault(en, tr[i])
    if lang in MORE_LANGS:
        i = MORE_LANGS.index(lang)
        for en, tr in MORE.items():
            table.setdefault(en, tr[i])
    path = os.path.join(root, 'locales', lang, 'kr.go.ansan.menu.po')
    text = open(path, encoding='utf-8').read()
    blocks = text.split('\n\n')
    out = []
    for b in blocks:
        m = re.search(r'^msgid ((?:"[^\n]*"\n?)+)msgstr ""\s*$', b, re.M)
        if m and '#, fuzzy' not in b:
            mid = unescape(''.join(re.findall(r'"(.*)"', m.group(1))))
            if mid and mid in table:
                lines = b.split('\n')
                k = next(j for j, l in enumerate(lines) if l.startswith('msgid '))
                lines.insert(k, '#, fuzzy')
                b = '\n'.join(lines)
                b = b[:b.rindex('msgstr ""')] + 'msgstr "%s"' % po_escape(table[mid])
        out.append(b)
    open(path, 'w', encoding='utf-8').write('\n\n'.join(out))
    print(lang, 'drafted')
