#!/usr/bin/env python3
"""Check that a render's output holds every input id exactly once.

    python3 examples/spark/check_once.py recipients.ndjson out/spark [--ordered]

OUTPUT is an NDJSON file or a Spark output folder (its part-* files, in name order). An input
line counts as an id when it is a JSON object whose "id" is a non-empty string or a number
(tessera's rule), or when a line that is not valid JSON opens with an "id" string member (tessera
rejects it under that id); every other line must come back as one record with "id": null (rejected),
reported by its line number. Exits 0 when the output has one record per input line and each
input id as many times as in the input (once, for unique ids); 1 otherwise; 2 on unreadable files.
With --ordered, output record N must also be the record of input line N.
"""
import argparse
import glob
import json
import os
import re
import sys
from collections import Counter

SHOWN = 10  # line numbers / ids listed per problem


def id_key(value):
    """tessera's id as a comparable string (numbers come back as strings: 42 -> "42")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return None


# A line that is not valid JSON still keeps its id when it opens with one: tessera reads a leading
# top-level "id" string member and rejects the record under that id.
LEADING_ID = re.compile(rb'^\s*\{\s*"id"\s*:\s*"([^"\\\x00-\x1f]+)"\s*[,}]')


def input_ids(path):
    """One entry per input line: its id key, or None when tessera must reject it without an id."""
    ids = []
    with open(path, "rb") as f:
        for raw in f:
            try:
                record = json.loads(raw.rstrip(b"\n").decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                m = LEADING_ID.match(raw)
                ids.append(m.group(1).decode("utf-8", "replace") if m else None)
                continue
            ids.append(id_key(record.get("id")) if isinstance(record, dict) else None)
    return ids


def output_files(path):
    if os.path.isdir(path):
        return sorted(glob.glob(os.path.join(path, "part-*")))
    return [path]


def output_records(path, problems):
    """One entry per output line: (id key or None, status)."""
    records = []
    for name in output_files(path):
        with open(name, "rb") as f:
            for raw in f:
                try:
                    record = json.loads(raw)
                except ValueError:
                    problems.append(f"output record {len(records) + 1} is not JSON")
                    records.append((None, "unparseable"))
                    continue
                records.append((id_key(record.get("id")), record.get("status")))
    return records


def listed(items):
    items = list(items)
    more = f" (+{len(items) - SHOWN} more)" if len(items) > SHOWN else ""
    return ", ".join(str(i) for i in items[:SHOWN]) + more


def compare(expected, records, ordered):
    """Problems found (empty when the output is right) and the line numbers without an id."""
    problems = []
    if len(records) != len(expected):
        problems.append(f"{len(records)} output records for {len(expected)} input lines")
    want = Counter(k for k in expected if k is not None)
    got = Counter(k for k, _ in records if k is not None)
    missing = sorted(k for k in want if got[k] < want[k])
    twice = sorted(k for k in got if got[k] > want[k])
    if missing:
        problems.append(f"{len(missing)} ids missing: {listed(missing)}")
    if twice:
        problems.append(f"{len(twice)} ids back more often than sent (or never sent): {listed(twice)}")
    no_id_lines = [n for n, k in enumerate(expected, 1) if k is None]
    no_id_out = [n for n, (k, _) in enumerate(records, 1) if k is None]
    if len(no_id_out) != len(no_id_lines):
        problems.append(f"{len(no_id_out)} output records without an id for {len(no_id_lines)} input lines without one")
    not_rejected = [n for n, (k, s) in enumerate(records, 1) if k is None and s != "rejected"]
    if not_rejected:
        problems.append(f"records without an id not 'rejected': {listed(not_rejected)}")
    if ordered:
        moved = [n for n, (k, (g, _)) in enumerate(zip(expected, records), 1) if k != g]
        if moved:
            problems.append(f"{len(moved)} output records out of input order, first at line {moved[0]}")
    return problems, no_id_lines


def main(argv=None):
    p = argparse.ArgumentParser(description="every input id back exactly once")
    p.add_argument("input", help="recipients NDJSON")
    p.add_argument("output", help="output NDJSON file or Spark output folder")
    p.add_argument("--ordered", action="store_true", help="also require output in input order")
    args = p.parse_args(argv)
    try:
        expected = input_ids(args.input)
        read_problems = []
        records = output_records(args.output, read_problems)
    except OSError as e:
        print(f"check-once: {e}", file=sys.stderr)
        return 2
    problems, no_id_lines = compare(expected, records, args.ordered)
    problems = read_problems[:SHOWN] + problems
    ids = sum(1 for k in expected if k is not None)
    print(f"check-once: {len(expected)} input lines, {ids} with an id, {len(records)} output records")
    if no_id_lines:
        print(f"check-once: {len(no_id_lines)} lines without an id, rejected: lines {listed(no_id_lines)}")
    for problem in problems:
        print(f"check-once: FAIL {problem}")
    if problems:
        return 1
    order = " in input order" if args.ordered else ""
    print(f"check-once: ok, every id back exactly once{order}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
