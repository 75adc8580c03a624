#!/usr/bin/env python3
"""Converts caniemail's features.json (../shared/corpus/caniemail, MIT) into the compact table
Policy ships (Sources/Policy/Resources/caniemail.tsv) and copies its licence next to it.

Kept: the features lint can detect in a template's own CSS and HTML:
  css  `property`            (title "box-shadow")         -> a declaration of that property
  css  `property:value`      (title "display:flex")       -> that declaration
  css  `function()`          (title "clamp()")            -> the function in a value
  html `<tag>` / `<tag type="x">` elements                 -> the tag
For each, the client platforms whose most recent test result is "n" (not supported) or
"a" (partial), as family/platform: one line per feature, tab-separated:
  id  kind  key  title  unsupported(comma list)  partial(comma list)
Usage: scripts/convert-caniemail.py [FEATURES.json]
"""
import json, os, re, shutil, sys

here = os.path.dirname(os.path.abspath(__file__))
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'shared', 'corpus', 'caniemail', 'features.json')
out_dir = os.path.join(here, '..', 'Sources', 'Policy', 'Resources')
features = json.load(open(src))

def latest(results):
    # Versions are dates or numbers; the last one listed is the most recent test.
    return list(results.values())[-1].split(' ')[0] if results else None

rows = []
for fid, f in sorted(features.items()):
    title = f['title'].strip()
    kind = key = None
    if f['category'] == 'css':
        if re.fullmatch(r'[a-z-]+', title):
            kind, key = 'property', title
        elif re.fullmatch(r'[a-z-]+\s*:\s*[a-z-]+', title):
            kind, key = 'declaration', re.sub(r'\s+', '', title)
        elif re.fullmatch(r'[a-z-]+\(\)', title):
            kind, key = 'function', title[:-2]
    elif f['category'] == 'html':
        m = re.fullmatch(r'<([a-z0-9]+)(?: type="([a-z]+)")?> element', title)
        if m:
            kind, key = 'element', m.group(1) + (f'[type={m.group(2)}]' if m.group(2) else '')
    if not kind:
        continue
    unsupported, partial = [], []
    for family, platforms in sorted(f.get('stats', {}).items()):
        for platform, results in sorted(platforms.items()):
            r = latest(results)
            if r == 'n':
                unsupported.append(f'{family}/{platform}')
            elif r == 'a':
                partial.append(f'{family}/{platform}')
    if unsupported or partial:
        rows.append('\t'.join([fid, kind, key, title, ','.join(unsupported), ','.join(partial)]))

os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, 'caniemail.tsv'), 'w') as fh:
    fh.write('# Converted from caniemail features.json by scripts/convert-caniemail.py (MIT, see caniemail-LICENSE)\n')
    fh.write('\n'.join(rows) + '\n')
shutil.copy(os.path.join(os.path.dirname(src), 'LICENSE'), os.path.join(out_dir, 'caniemail-LICENSE'))
print(f'{len(rows)} features written')
