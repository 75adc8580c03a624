#!/usr/bin/env python3
"""The obvious alternative to BrandContext, for scripts/bench-context: PyYAML (C loader) plus
Python's sqlite3 with FTS5, doing the same job on the same brand folder -- parse the three YAML
files, check claim ids, references and dates (without line:column locations: PyYAML's fast
loader keeps none), and index the claims, their variants, scoping and disclaimers into SQLite.
The voice rules are parsed but not checked. Prints medians like ContextBench."""
import datetime, glob, hashlib, os, sqlite3, statistics, sys, tempfile, time
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Str(Loader):
    """Every scalar stays a string, as in Tessera (dates and numbers are checked by hand)."""


Str.add_constructor("tag:yaml.org,2002:timestamp", Str.construct_yaml_str)
Str.add_constructor("tag:yaml.org,2002:int", Str.construct_yaml_str)
Str.add_constructor("tag:yaml.org,2002:bool", Str.construct_yaml_str)


def load(brand_dir):
    def read(name):
        with open(os.path.join(brand_dir, name), encoding="utf-8") as f:
            return yaml.load(f, Loader=Str)
    brand, claims, guard = read("brand.yaml"), read("claims.yaml"), read("guardrails.yaml")
    rules = [yaml.load(open(p, encoding="utf-8"), Loader=Str)
             for p in sorted(glob.glob(os.path.join(brand_dir, "voice", "*", "*.yml")))]
    errors = []
    known = {"markets": {m["id"] for m in brand["markets"]}, "channels": {c["id"] for c in brand["channels"]},
             "products": {p["id"] for p in brand.get("products", [])},
             "disclaimers": {d["id"] for d in claims.get("disclaimers", [])}}
    seen = set()
    for c in claims["claims"]:
        if c["id"] in seen:
            errors.append(f"duplicate claim id {c['id']}")
        seen.add(c["id"])
        for key, ids in known.items():
            errors += [f"{c['id']}: unknown {key} {v}" for v in c.get(key, []) if v not in ids]
        start = datetime.date.fromisoformat(str(c["valid_from"]))
        if "valid_until" in c and datetime.date.fromisoformat(str(c["valid_until"])) < start:
            errors.append(f"{c['id']}: valid_until before valid_from")
    return brand, claims, guard, rules, errors


def index(brand, claims, path):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript("""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE claims(id TEXT PRIMARY KEY, text TEXT, valid_from TEXT, valid_until TEXT, substantiation TEXT);
        CREATE TABLE claim_variants(claim_id TEXT, locale TEXT, text TEXT, PRIMARY KEY(claim_id, locale));
        CREATE TABLE claim_markets(claim_id TEXT, market_id TEXT, PRIMARY KEY(claim_id, market_id));
        CREATE TABLE claim_channels(claim_id TEXT, channel_id TEXT, PRIMARY KEY(claim_id, channel_id));
        CREATE TABLE claim_products(claim_id TEXT, product_id TEXT, PRIMARY KEY(claim_id, product_id));
        CREATE TABLE claim_disclaimers(claim_id TEXT, disclaimer_id TEXT, position INTEGER);
        CREATE VIRTUAL TABLE claims_fts USING fts5(claim_id UNINDEXED, locale UNINDEXED, text,
            tokenize = 'unicode61 remove_diacritics 2');
    """)
    cs = claims["claims"]
    db.executemany("INSERT INTO claims VALUES (?,?,?,?,?)",
                   [(c["id"], c["text"], c["valid_from"], c.get("valid_until"), c["substantiation"]) for c in cs])
    variants = [(c["id"], loc, t) for c in cs for loc, t in sorted(c.get("variants", {}).items())]
    db.executemany("INSERT INTO claim_variants VALUES (?,?,?)", variants)
    for key, table in [("markets", "claim_markets"), ("channels", "claim_channels"), ("products", "claim_products")]:
        db.executemany(f"INSERT OR IGNORE INTO {table} VALUES (?,?)", [(c["id"], v) for c in cs for v in c.get(key, [])])
    db.executemany("INSERT INTO claim_disclaimers VALUES (?,?,?)",
                   [(c["id"], d, i) for c in cs for i, d in enumerate(c.get("disclaimers", []))])
    db.executemany("INSERT INTO claims_fts VALUES (?,?,?)",
                   [(c["id"], brand["default_locale"], c["text"]) for c in cs] + variants)
    db.commit()
    db.close()


def content_hash(brand_dir):
    h = hashlib.sha256()
    files = ["brand.yaml", "claims.yaml", "guardrails.yaml"] + sorted(
        os.path.relpath(p, brand_dir) for p in glob.glob(os.path.join(brand_dir, "voice", "**", "*"), recursive=True)
        if os.path.isfile(p))
    for name in files:
        h.update(name.encode())
        with open(os.path.join(brand_dir, name), "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def main():
    brand_dir = sys.argv[1]
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    db_path = os.path.join(tempfile.gettempdir(), f"context-baseline-{os.getpid()}.sqlite")
    cold, warm = [], []
    for _ in range(iterations):
        t = time.perf_counter()
        brand, claims, _, _, errors = load(brand_dir)
        assert not errors, errors[:3]
        index(brand, claims, db_path)
        cold.append((time.perf_counter() - t) * 1e3)
    with sqlite3.connect(db_path) as db:
        db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('content_hash', ?)", (content_hash(brand_dir),))
    for _ in range(iterations * 5):
        t = time.perf_counter()
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        stored = db.execute("SELECT value FROM meta WHERE key = 'content_hash'").fetchone()[0]
        assert stored == content_hash(brand_dir)
        db.close()
        warm.append((time.perf_counter() - t) * 1e3)
    os.remove(db_path)
    print(f"Python baseline (PyYAML {yaml.__version__} C loader + sqlite3 {sqlite3.sqlite_version}), medians:")
    print(f"  load+validate+index:          {statistics.median(cold):8.2f} ms wall")
    print(f"  open, hash unchanged:         {statistics.median(warm):8.2f} ms wall")


if __name__ == "__main__":
    main()
