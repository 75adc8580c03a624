#!/usr/bin/env python3
"""The obvious alternative to Tessera's assembly, for scripts/assembly-bench-compare:
render the welcome email's MJML ONCE with mrml (values as Jinja2 expressions), then per
recipient: json.loads the NDJSON line, render the HTML with Jinja2 (autoescape on), write one
NDJSON output line. It does less than Tessera per recipient: no block selection, no holdout or
consent rules, no text part, one fixed permutation (the one AssemblyBench exported).

Usage: assembly_baseline.py EXPORT_DIR [ITERATIONS]
"""
import json, os, stat, sys, time

import jinja2
import mrml

export, iterations = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
spec = json.load(open(os.path.join(export, "holes.json")))
mjml = open(os.path.join(export, "welcome.mjml"), encoding="utf-8").read()
t0 = time.process_time()
html = mrml.to_html(mjml)
html = html if isinstance(html, str) else html.content
mrml_ms = (time.process_time() - t0) * 1e3
template = jinja2.Environment(autoescape=True).from_string(html)
lines = open(spec["recipients"], encoding="utf-8").read().splitlines()

def value(rec, hole):
    if "const" in hole:
        return hole["const"]
    v = rec
    for k in hole["path"]:
        try:
            v = v[int(k)] if isinstance(v, list) else v.get(k, "")
        except (IndexError, ValueError, AttributeError):
            return ""
    return v


class Discard:
    """Stands for /dev/null where that is a regular file (as AssemblyBench does)."""
    def write(self, text):
        return len(text)


holes = spec["holes"]
cpu = []
for _ in range(iterations):
    out = open(os.devnull, "w") if stat.S_ISCHR(os.stat(os.devnull).st_mode) else Discard()
    c0 = time.process_time()
    batch = []
    for line in lines:
        rec = json.loads(line)
        v = [value(rec, h) for h in holes]
        batch.append(json.dumps({"id": rec["id"], "status": "rendered", "html": template.render(v=v)}, ensure_ascii=False))
        if len(batch) >= 1000:
            out.write("\n".join(batch) + "\n")
            batch.clear()
    out.write("\n".join(batch) + "\n")
    cpu.append(time.process_time() - c0)
cpu.sort()
med = cpu[len(cpu) // 2]
print(f"mrml-once+jinja2: mrml render {mrml_ms:.1f} ms once; median {len(lines) / med:.0f} recipients/s CPU "
      f"({med / len(lines) * 1e6:.2f} us each) over {iterations} runs, {len(holes)} values per message")
