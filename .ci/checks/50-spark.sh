#!/usr/bin/env bash
# The Spark job (spark/casegraph_job.py) in local mode with 2 workers on
# corpus/: 4 partitions, each a `casegraph extract --stdin-jsonl --format
# jsonl` process, then `build --from-extracts`. The graph must be
# byte-identical to `casegraph build corpus` (the README's build command)
# and to the shipped graphs/sample.ron.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=target/release/casegraph
"$bin" build corpus -o "$tmp/single.ron" 2>/dev/null
.venv/bin/python spark/casegraph_job.py --master 'local[2]' --partitions 4 --binary "$bin" \
    --input corpus --extracts "$tmp/extracts" --graph "$tmp/spark.ron" 2> "$tmp/spark.log" || { cat "$tmp/spark.log"; exit 1; }
parts=$(find "$tmp/extracts" -name 'part-*' | wc -l)
lines=$(cat "$tmp/extracts"/part-* | wc -l)
[ "$parts" -ge 2 ] || { echo "expected several partitions, got $parts"; exit 1; }
cmp "$tmp/single.ron" "$tmp/spark.ron"
cmp graphs/sample.ron "$tmp/spark.ron"
echo "spark local[2]: $lines extract lines in $parts partitions; graph byte-identical to build corpus"
