#!/usr/bin/env python3
"""Render a recipients NDJSON file with Apache Spark driving `tessera render` over partitions.

Each Spark task pipes its partition's lines through one `tessera render` process (`rdd.pipe`),
so each task compiles the catalog once and renders every recipient of its partition. Output is
NDJSON, one record per input line, written as a Spark output folder (`part-00000`, ...). The
input is range-partitioned by line number and sorted within each partition, so concatenating
the part files in name order gives the records in input order.

    python3 examples/spark/render_with_spark.py --tessera .build/release/tessera --project . \\
        --recipients recipients.ndjson --out out/spark --partitions 4

Local mode (`local[*]`) by default; `--master` points it at a cluster (see README.md).
"""
import argparse
import os
import re
import shlex
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tessera", required=True, help="path of the tessera binary (on every worker)")
    p.add_argument("--project", required=True, help="Tessera project folder (brand/, templates/, blocks/)")
    p.add_argument("--recipients", required=True, help="recipients NDJSON file (any Hadoop path)")
    p.add_argument("--out", required=True, help="output folder (Spark writes part-* files there)")
    p.add_argument("--partitions", type=int, default=4, help="number of partitions = tessera processes (default 4)")
    p.add_argument("--master", default="local[*]", help="Spark master URL (default local[*])")
    p.add_argument("--now", help="clock for every task, e.g. 2026-11-23T09:00:00Z (default: the driver's clock at start)")
    p.add_argument("--tmp", help="folder for Spark's scratch files (default: a fresh temporary folder, removed at the end)")
    p.add_argument("--overwrite", action="store_true", help="replace --out if it exists")
    p.add_argument("--check", action="store_true", help="run check_once.py on the result (local paths only)")
    p.add_argument("--journal", help="postgres://USER@HOST:PORT/DB: every partition journals to this database as "
                   "part K/N of --run-id (frequency caps hold across partitions; password from PGPASSWORD)")
    p.add_argument("--run-id", help="the run id every partition journals under (with --journal)")
    args = p.parse_args(argv)
    if args.partitions < 1:
        p.error("--partitions must be at least 1")
    if bool(args.journal) != bool(args.run_id):
        p.error("--journal and --run-id go together: the partitions are parts of one journaled run")
    return args


def is_local(master):
    return master == "local" or master.startswith("local[")


def prepare_environment(args, tmp):
    """Settle what Spark and PySpark pick up from the environment, before the JVM starts."""
    # Workers must run the same Python as the driver (a fresh machine often has several).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    # PySpark's launcher and the JVM write temp files: keep them inside our scratch folder.
    os.environ["TMPDIR"] = tmp
    tempfile.tempdir = tmp
    if is_local(args.master):
        # No hostname lookup (and no "resolves to a loopback address" warning) in local mode.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")


def spark_conf(args, tmp):
    from pyspark import SparkConf

    log4j = os.path.join(HERE, "log4j2.properties")
    java_opts = f"-Djava.io.tmpdir={tmp} -Dlog4j2.configurationFile=file:{log4j}"
    conf = (SparkConf()
            .setMaster(args.master)
            .setAppName("tessera-render")
            .set("spark.local.dir", os.path.join(tmp, "spark-local"))
            .set("spark.driver.extraJavaOptions", java_opts)
            .set("spark.ui.enabled", "false")  # no web UI port on a shared machine or in CI
            .set("spark.ui.showConsoleProgress", "false"))
    if is_local(args.master):
        conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
    return conf


def render_argv(args, now):
    """One `tessera render` per partition: stdin to stdout, summary off (stderr stays quiet).
    `--jobs 1`: Spark's task slots decide the parallelism, not tessera's threads."""
    return [args.tessera, "render", "--project", args.project, "--recipients", "-", "--out", "-",
            "--now", now, "--quiet", "--jobs", "1"]


def render_command(args, now):
    return " ".join(shlex.quote(a) for a in render_argv(args, now))


def journaled_partition(argv, env, parts):
    """The journal mode's task: partition p pipes its lines through `tessera render ... --part
    p+1/parts`, so the partitions are the parts of one run and share its frequency caps. A task
    Spark retries (its executor died, tessera was killed) runs the same command again: tessera
    finds the part in the journal, writes the lines the dead attempt committed again exactly as
    recorded (Spark dropped that attempt's output), and renders the rest."""
    def run(index, lines):
        import subprocess
        import threading
        command = argv + ["--part", f"{index + 1}/{parts}"]
        child = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        def feed():
            try:
                for line in lines:
                    child.stdin.write(line.rstrip("\n").encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass  # tessera ended early: its exit code says why
            finally:
                child.stdin.close()
        errors = []
        threading.Thread(target=feed, daemon=True).start()
        threading.Thread(target=lambda: errors.append(child.stderr.read()), daemon=True).start()
        kill_after = test_kill_point(index)
        for n, record in enumerate(iter(child.stdout.readline, b""), 1):
            yield record.rstrip(b"\n").decode("utf-8")
            if n == kill_after:
                child.kill()  # tests only: this attempt dies mid-partition, Spark retries the task
        child.wait()
        if child.returncode != 0:
            detail = b"".join(errors).decode("utf-8", "replace").strip()
            raise RuntimeError(f"tessera exited with {child.returncode} on part {index + 1}/{parts}: {detail}")
    return run


def test_kill_point(index):
    """TESSERA_SPARK_TEST_KILL=P:N (tests only): the first attempt of partition P (0-based) kills
    its tessera after N output records, as a dying executor would."""
    spec = os.environ.get("TESSERA_SPARK_TEST_KILL", "")
    from pyspark import TaskContext
    if not spec or TaskContext.get().attemptNumber() != 0:
        return None
    partition, after = (int(x) for x in spec.split(":"))
    return after if partition == index else None


STATUS = re.compile(r'"status":"([a-z]+)"')

# The reason of a record rejected by tessera names its line: `"detail":"line 12:5: ..."`.
REJECTION_LINE = re.compile(r'("code":"record\.[a-z-]+","detail":"line )(\d+)')


def global_line_numbers(record, offset):
    """A rejected record's line number counted from the input's first line, not its partition's.

    Each tessera sees only its partition, so it numbers lines from the partition's start; with
    the offset added, the output is the same bytes a single `tessera render` of the file writes.
    """
    if offset == 0 or '"status":"rejected"' not in record:
        return record
    return REJECTION_LINE.sub(lambda m: m.group(1) + str(int(m.group(2)) + offset), record, count=1)


def render(sc, args, now):
    """Pipe the recipients through tessera; return (records, partitions) once the output is written."""
    lines = sc.textFile(args.recipients)
    total = lines.count()
    parts = max(1, min(args.partitions, total))
    # Range partitioning by line number, sorted within each partition: partition p holds a
    # contiguous run of lines in input order, so part files concatenated in order = input order
    # (a plain repartition() would interleave lines, and its order within a partition depends on
    # shuffle fetch order, so a retried task could see its lines in another order).
    by_line = lines.zipWithIndex().map(lambda li: (li[1], li[0]))
    ranged = by_line.repartitionAndSortWithinPartitions(
        numPartitions=parts, partitionFunc=lambda index: index * parts // total)
    # tessera gets only PATH and a UTF-8 locale (pipe's default environment is empty).
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"}
    if args.journal:
        # The journal's password: PGPASSWORD, or a ~/.pgpass on every worker (HOME).
        env.update({k: os.environ[k] for k in ("PGPASSWORD", "PGPASSFILE", "HOME") if k in os.environ})
        argv = render_argv(args, now) + ["--journal", args.journal, "--run-id", args.run_id]
        piped = ranged.values().mapPartitionsWithIndex(journaled_partition(argv, env, parts))
    else:
        piped = ranged.values().pipe(render_command(args, now), env=env, checkCode=True)
    # Partition p starts at input line first_line(p): shift its rejections' line numbers by that.
    def first_line(p):
        return (p * total + parts - 1) // parts
    outputs = piped.mapPartitionsWithIndex(
        lambda p, records: (global_line_numbers(r, first_line(p)) for r in records))
    outputs.saveAsTextFile(args.out)
    return total, parts


def count_statuses(sc, out):
    """Counts by status, read back from the written output (re-reading it does not re-render)."""
    def status(line):
        # `"status":"` cannot occur inside a JSON string (its quotes would be escaped), so the
        # first match is the record's own status: no need to parse 18 KB of HTML per record.
        found = STATUS.search(line)
        return found.group(1) if found else "unparseable"
    return Counter(sc.textFile(out).map(status).countByValue())


def failure_reason(error):
    """The line of a (long, Java-wrapped) Spark error that says why, e.g. tessera's exit code."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    for marker in ("PIPE_FUNCTION_EXITED", "Exception:", "Error:"):
        for line in lines:
            if marker in line:
                return line
    return lines[0] if lines else type(error).__name__


def summary(total, parts, statuses, render_seconds, total_seconds):
    order = ["rendered", "suppressed", "held", "rejected"]
    keys = order + sorted(k for k in statuses if k not in order)
    counts = ", ".join(f"{statuses.get(k, 0)} {k}" for k in keys if k in order or statuses.get(k))
    rate = total / render_seconds if render_seconds > 0 else 0
    return (f"spark: {total} recipients in {parts} partitions: {counts}; "
            f"render+write {render_seconds:.2f} s ({rate:,.0f}/s); total {total_seconds:.2f} s")


def main(argv=None):
    started = time.monotonic()
    args = parse_args(argv)
    args.tessera = os.path.abspath(args.tessera) if os.path.exists(args.tessera) else args.tessera
    args.project = os.path.abspath(args.project) if os.path.exists(args.project) else args.project
    if os.path.exists(args.recipients):
        args.recipients = os.path.abspath(args.recipients)
    if is_local(args.master):
        # In local mode the workers see the driver's files: say what is missing before Spark starts.
        if not os.access(args.tessera, os.X_OK):
            sys.exit(f"render_with_spark: {args.tessera} is not an executable (build it: swift build -c release)")
        for path in (args.project, args.recipients):
            if not os.path.exists(path):
                sys.exit(f"render_with_spark: {path} not found")
    if os.path.exists(args.out):
        if not args.overwrite:
            sys.exit(f"render_with_spark: {args.out} exists (use --overwrite to replace it)")
        shutil.rmtree(args.out)
    # One clock for every task: a retried partition renders byte-identical records.
    now = args.now or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    own_tmp = args.tmp is None
    tmp = tempfile.mkdtemp(prefix="tessera-spark-") if own_tmp else os.path.abspath(args.tmp)
    os.makedirs(tmp, exist_ok=True)
    prepare_environment(args, tmp)
    try:
        from pyspark import SparkContext
    except ImportError:
        sys.exit("render_with_spark: pyspark is not installed (pip install pyspark; it needs Java 17)")

    sc = SparkContext(conf=spark_conf(args, tmp))
    sc.setLogLevel("ERROR")
    try:
        render_started = time.monotonic()
        total, parts = render(sc, args, now)
        render_seconds = time.monotonic() - render_started
        statuses = count_statuses(sc, args.out)
    except Exception as e:  # a task failed for good (tessera's exit code, a lost worker): no summary
        print(f"render_with_spark: the job failed: {failure_reason(e)}", file=sys.stderr)
        return 1
    finally:
        sc.stop()
        if own_tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print(summary(total, parts, statuses, render_seconds, time.monotonic() - started), flush=True)

    if args.check:
        import check_once
        return check_once.main([args.recipients, args.out, "--ordered"])
    return 0


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    sys.exit(main())
