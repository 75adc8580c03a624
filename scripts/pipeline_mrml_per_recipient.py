#!/usr/bin/env python3
"""What a team without Tessera would do, for scripts/pipeline-bench-compare: per recipient,
fill the welcome email's MJML source with Jinja2 (autoescape on), then render that MJML to
HTML with mrml, and write one NDJSON line {id, status, html}. It does less than Tessera per
recipient (no selection, no consent or holdout rules, no text part, one fixed permutation:
the one AssemblyBench exported) and more (an MJML render per recipient, which is the point).

Usage: pipeline_mrml_per_recipient.py EXPORT_DIR SAMPLE
Renders the first SAMPLE recipients of the exported file and extrapolates to 1,000,000.
"""
import json, os, sys, time

import jinja2
import mrml

export, sample = sys.argv[1], int(sys.argv[2])
spec = json.load(open(os.path.join(export, "holes.json")))
source = open(os.path.join(export, "welcome.mjml"), encoding="utf-8").read()
template = jinja2.Environment(autoescape=True).from_string(source)
lines = []
with open(spec["recipients"], encoding="utf-8") as f:
    for line in f:
        lines.append(line)
        if len(lines) >= sample:
            break


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


holes = spec["holes"]
written = 0
c0 = time.process_time()
for line in lines:
    rec = json.loads(line)
    mjml = template.render(v=[value(rec, h) for h in holes])
    html = mrml.to_html(mjml)
    html = html if isinstance(html, str) else html.content
    written += len(json.dumps({"id": rec["id"], "status": "rendered", "html": html}, ensure_ascii=False)) + 1
cpu = time.process_time() - c0
rate = len(lines) / cpu
print(f"mrml-per-recipient: {len(lines)} recipients in {cpu:.2f} s CPU: {rate:.0f} recipients/s on one core "
      f"({cpu / len(lines) * 1e6:.0f} us each); 1,000,000 would take ~{1e6 / rate / 60:.0f} min on one core "
      f"(~{1e6 / rate / 120:.0f} min on two) [extrapolated from the sample]")
