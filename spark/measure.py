"""Single-process `casegraph build` against the Spark job in local mode, on
the same corpus: wall time and peak memory (the sum of the resident memory
of the whole process tree: the JVM, the Python workers and every casegraph
process, sampled every 0.2 s), and whether the two graphs are the same bytes.
Also the job on a small corpus, for Spark's fixed overhead.

    cargo run --release --example casegraph-gen -- --releases 100000 --seed 7 -o /tmp/gen100k
    cargo run --release --example casegraph-gen -- --releases 100 --seed 7 -o /tmp/gen100
    .venv/bin/python spark/measure.py --binary target/release/casegraph \\
        --corpus /tmp/gen100k --small /tmp/gen100 --work /tmp/measure

Figures go into the report, never into tests.
"""

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def tree_rss(pid):
    """Resident bytes of `pid` and all its descendants."""
    children = {}
    rss = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def run(cmd, log):
    """Run `cmd`; return (wall seconds, peak tree RSS in bytes)."""
    start = time.monotonic()
    with open(log, "w") as err:
        proc = subprocess.Popen(cmd, stdout=err, stderr=subprocess.STDOUT)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.2)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}), see {log}")
    return wall, peak


def job(binary, corpus, work, name, partitions):
    extracts = os.path.join(work, f"{name}-extracts")
    shutil.rmtree(extracts, ignore_errors=True)
    graph = os.path.join(work, f"{name}-spark.ron")
    cmd = [sys.executable, os.path.join(HERE, "casegraph_job.py"), "--master", "local[2]", "--partitions", str(partitions),
           "--binary", binary, "--input", corpus, "--extracts", extracts, "--graph", graph]
    wall, peak = run(cmd, os.path.join(work, f"{name}-spark.log"))
    size = sum(os.path.getsize(os.path.join(extracts, f)) for f in os.listdir(extracts) if f.startswith("part-"))
    return wall, peak, graph, size


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--small", required=True, help="a corpus of about 100 releases, for the fixed overhead")
    p.add_argument("--work", required=True)
    p.add_argument("--partitions", type=int, default=8)
    p.add_argument("--reuse-single", action="store_true", help="keep the single build of an earlier run in --work")
    a = p.parse_args()
    os.makedirs(a.work, exist_ok=True)
    binary = os.path.abspath(a.binary)
    mb = 1 << 20
    corpus_bytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(a.corpus) for f in fs)
    print(f"corpus {a.corpus}: {corpus_bytes / mb:.0f} MB")

    single = os.path.join(a.work, "single.ron")
    if a.reuse_single and os.path.exists(single):
        print(f"single-process build: {single} of an earlier run")
    else:
        wall, peak = run([binary, "build", a.corpus, "-o", single], os.path.join(a.work, "single.log"))
        print(f"single-process build: {wall:.1f} s wall, {peak / mb:.0f} MB peak")

    wall, peak, graph, size = job(binary, a.corpus, a.work, "large", a.partitions)
    same = filecmp.cmp(single, graph, shallow=False)
    print(f"spark local[2], {a.partitions} partitions: {wall:.1f} s wall, {peak / mb:.0f} MB peak, "
          f"extract lines {size / mb:.0f} MB; graph {'byte-identical' if same else 'DIFFERS'}")
    print_job_lines(os.path.join(a.work, "large-spark.log"))

    small_single = os.path.join(a.work, "small.ron")
    wall, _ = run([binary, "build", a.small, "-o", small_single], os.path.join(a.work, "small.log"))
    print(f"single-process build, small corpus: {wall:.2f} s wall")
    wall, peak, graph, _ = job(binary, a.small, a.work, "small", 2)
    same = filecmp.cmp(small_single, graph, shallow=False)
    print(f"spark local[2] on the small corpus (fixed overhead): {wall:.1f} s wall, {peak / mb:.0f} MB peak; "
          f"graph {'byte-identical' if same else 'DIFFERS'}")
    print_job_lines(os.path.join(a.work, "small-spark.log"))


def print_job_lines(log):
    """The job's own summary lines from its log, indented under the run's line."""
    with open(log) as f:
        for line in f:
            if line.startswith("casegraph job:"):
                print("  " + line.strip())


if __name__ == "__main__":
    main()
