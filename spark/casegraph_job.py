"""casegraph on Apache Spark: extraction spread over the executors, one merge.

Each executor runs `casegraph extract --stdin-jsonl --format jsonl` on its
partition of the input files (their raw bytes, base64 in a JSON line, so
the binary decodes them exactly as it would from disk); the extract lines
are saved as text files; `casegraph build --from-extracts` then merges them
on the driver into a graph byte-identical to `casegraph build INPUT` on one
machine.

    python spark/casegraph_job.py --master 'local[2]' --binary target/release/casegraph \
        --input corpus --extracts /tmp/extracts --graph /tmp/graph.ron

On a cluster, submit it with spark-submit (see spark/README.md).
"""

import argparse
import base64
import json
import os
import posixpath
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import urlparse

from pyspark import SparkConf, SparkContext, SparkFiles

# the extensions `casegraph build` reads when it walks a folder
EXTENSIONS = (".txt", ".md", ".html", ".htm")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--input", required=True, help="folder or glob of releases (local path, file://, hdfs://, s3a://)")
    p.add_argument("--extracts", required=True, help="folder to write the extract lines to (must not exist)")
    p.add_argument("--graph", required=True, help="graph file to write on the driver")
    p.add_argument("--binary", help="casegraph binary on the driver, shipped with SparkContext.addFile "
                   "(leave out when spark-submit --files ships it)")
    p.add_argument("--master", help="master URL when not run through spark-submit (local[2], spark://host:7077, yarn)")
    p.add_argument("--partitions", type=int, default=0,
                   help="number of partitions, one casegraph process each (default: Spark's parallelism, the cores)")
    p.add_argument("--gazetteer", action="append", default=[], help="extra gazetteer file, for extract and build alike")
    p.add_argument("--curation", help="curation file for build (default: curation.ron beside the graph, as build does)")
    p.add_argument("--max-file-size", type=int, help="refuse files larger than this many bytes, as casegraph does")
    return p.parse_args(argv)


def is_local(uri):
    return urlparse(uri).scheme in ("", "file")


def split_input(given):
    """(the folder part of the input as given, that folder's path in the
    URIs Spark hands out): a folder, a file, or a glob whose folder part
    has no wildcard."""
    u = urlparse(given)
    path = u.path if u.scheme else given
    if any(c in path for c in "*?[{"):
        folder = path[: min(path.find(c) for c in "*?[{" if c in path)]
        folder = folder[: folder.rfind("/") + 1] or "."
    elif u.scheme and not is_local(given) or os.path.isdir(path):
        folder = path
    else:
        folder = posixpath.dirname(path) or "."
    root = folder if u.scheme else os.path.abspath(folder)
    named = given[: len(given) - len(path)] + folder if u.scheme else folder
    return named.rstrip("/") or ".", root


def document_name(uri, root_path, named):
    """The path `casegraph build INPUT` would name this file by: the input's
    folder as given, then the file's place below it."""
    rel = posixpath.relpath(urlparse(uri).path, root_path)
    return rel if named == "." else posixpath.join(named, rel)


def local_files(path):
    """The files `casegraph build PATH` reads: PATH itself, or the files
    below it with a release's extension (symlinks to folders not followed)."""
    if not os.path.isdir(path):
        return [path]
    out = []
    for folder, dirs, files in os.walk(path):
        out.extend(os.path.join(folder, f) for f in files if f.lower().endswith(EXTENSIONS))
    return out


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def extract_partition(binary_name, gazetteers, max_file_size, threads):
    """What each executor runs over its share of files: the binary fed one
    JSON line per file, its extract lines read back as they come."""

    def run(records):
        binary = SparkFiles.get(binary_name)
        # a shipped file may lose its execute bit on the way
        os.chmod(binary, os.stat(binary).st_mode | stat.S_IXUSR)
        cmd = [binary, "extract", "--stdin-jsonl", "--format", "jsonl"]
        for g in gazetteers:
            cmd += ["--gazetteer", SparkFiles.get(g)]
        if max_file_size:
            cmd += ["--max-file-size", str(max_file_size)]
        # its warnings (a file skipped, a bad line) go to the executor's stderr
        # one task holds spark.task.cpus cores: the binary uses that many threads
        env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        failure = []

        def feed():
            # written from a thread: the binary answers while it still reads
            try:
                for path, data in records:
                    line = json.dumps({"path": path, "base64": base64.b64encode(data).decode("ascii")})
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            except Exception as e:  # noqa: BLE001 - reported by the task below
                failure.append(e)
            finally:
                proc.stdin.close()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for line in proc.stdout:
            yield line.decode("utf-8").rstrip("\n")
        writer.join()
        code = proc.wait()
        if code != 0:
            raise RuntimeError(f"casegraph extract exited with {code} (its messages are in the executor's stderr)")
        if failure:
            raise failure[0]

    return run


def main(argv):
    a = parse_args(argv)
    started = time.monotonic()
    conf = SparkConf().setAppName("casegraph")
    if a.master:
        conf = conf.setMaster(a.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    # folders are walked recursively, as casegraph build walks them
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")

    if a.binary:
        sc.addFile(os.path.abspath(a.binary))
        binary_name = os.path.basename(a.binary)
    else:
        binary_name = "casegraph"  # shipped by spark-submit --files .../casegraph
    for g in a.gazetteer:
        sc.addFile(os.path.abspath(g))
    gazetteers = [os.path.basename(g) for g in a.gazetteer]

    named, root = split_input(a.input)
    wanted = a.partitions or sc.defaultParallelism
    if is_local(a.input) and not any(c in a.input for c in "*?[{"):
        # a local folder (or one shared by every node): listed here as build
        # walks it, read in the executors. Hadoop's local file system would
        # start an `ls` per file to learn its permissions
        listed = sorted(local_files(urlparse(a.input).path if urlparse(a.input).scheme else a.input))
        documents = (sc.parallelize(listed, max(1, min(wanted, len(listed))))
                     .map(lambda p: (document_name("file://" + os.path.abspath(p), root, named), read_bytes(p))))
    else:
        source = a.input if urlparse(a.input).scheme else "file://" + os.path.abspath(a.input)
        files = sc.binaryFiles(source, minPartitions=wanted)
        # binaryFiles packs small files into few partitions whatever it is asked:
        # spread them so every core gets a share
        if files.getNumPartitions() < wanted:
            files = files.repartition(wanted)
        documents = (files
                     .filter(lambda kv: kv[0].lower().endswith(EXTENSIONS))
                     .map(lambda kv: (document_name(kv[0], root, named), kv[1])))
    lines = documents.mapPartitions(extract_partition(binary_name, gazetteers, a.max_file_size, int(sc.getConf().get("spark.task.cpus", "1"))))
    up = time.monotonic()
    lines.saveAsTextFile(a.extracts)
    extracted = time.monotonic()

    # the merge runs on the driver, from a local copy when the lines are remote
    local = tempfile.mkdtemp(prefix="casegraph-extracts-")
    try:
        if is_local(a.extracts):
            merge_from = urlparse(a.extracts).path if urlparse(a.extracts).scheme else a.extracts
        else:
            merge_from = os.path.join(local, "part-all")
            with open(merge_from, "w", encoding="utf-8") as out:
                for line in sc.textFile(a.extracts).toLocalIterator():
                    out.write(line + "\n")
        build = [a.binary or SparkFiles.get(binary_name), "build", "--from-extracts", merge_from, "-o", a.graph]
        for g in a.gazetteer:
            build += ["--gazetteer", g]
        if a.curation:
            build += ["--curation", a.curation]
        code = subprocess.call(build)
        done = time.monotonic()
        print(f"casegraph job: context {up - started:.1f} s, extraction on {documents.getNumPartitions()} partitions "
              f"{extracted - up:.1f} s, merge {done - extracted:.1f} s", file=sys.stderr)
        return code
    finally:
        sc.stop()
        shutil.rmtree(local, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
