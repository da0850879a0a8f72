#!/usr/bin/env python3
"""Load casegraph's exports with the tools they are for, not string matching.

usage: check_exports.py CASEGRAPH_BINARY

Builds the sample graph from corpus/, then checks that
- the node-link JSON loads in NetworkX with the same nodes, edges and kinds,
  and an edge's evidence holds a known sentence with its document and span;
- the GraphML loads in NetworkX with kinds, relations, a float `weight`,
  node `documents`, and the first sentence of each edge;
- the cooperation view (JSON and GraphML) loads in NetworkX as an
  undirected weighted graph of bodies;
- nodes.csv/edges.csv bulk-load into Kuzu with COPY FROM, a Cypher query
  there finds the same agencies linking Romania and France as `casegraph
  link` does, and evidence.csv is read by Kuzu's LOAD FROM;
- `--format kuzu` runs unchanged, as one script, in a fresh Kuzu database
  (the sample graph and a graph of hostile names, which come back intact);
- `--format cypher` runs unchanged in Kuzu statement by statement once the
  kuzu script's schema exists, except its Neo4j constraint line;
- `--csv-dialect neo4j` follows neo4j-admin import's header rules (checked
  here against those rules: neo4j-admin itself is not run).
Prints 'N passed, 0 failed' and exits non-zero on the first failure.
"""
import csv
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import kuzu
import networkx as nx

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/casegraph"
passed = 0


def run(*args):
    return subprocess.run([BIN, *args], check=True, capture_output=True, text=True).stdout


def check(cond, what):
    global passed
    if not cond:
        print(f"FAILED: {what}")
        print(f"{passed} passed, 1 failed")
        sys.exit(1)
    passed += 1
    print(f"ok: {what}")


with tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    graph = tmp / "sample.ron"
    run("build", "corpus", "-o", str(graph))
    stats = json.loads(run("stats", str(graph), "--format", "json"))

    known = "coordinated by Europol and Frontex"

    # node-link JSON -> NetworkX
    run("export", str(graph), "--format", "json", "-o", str(tmp / "g.json"))
    data = json.loads((tmp / "g.json").read_text())
    g = nx.node_link_graph(data, edges="links")
    check(g.number_of_nodes() == stats["entities"], "json: NetworkX reads every node")
    check(g.number_of_edges() == stats["relations"], "json: NetworkX reads every edge")
    check(g.nodes["agency:europol"]["kind"] == "agency", "json: node kinds are attributes")
    rels = {d["relation"] for _, _, d in g.edges(data=True)}
    check("coordinated" in rels and "participated-in" in rels, "json: edge relations are attributes")
    found = [(u, v, ev) for u, v, d in g.edges(data=True) for ev in d["evidence"] if known in ev["sentence"]]
    check(len(found) >= 2, f"json: NetworkX edges carry evidence; '{known}' is on {len(found)} edges")
    u, v, ev = found[0]
    text = Path(ev["path"]).read_bytes()
    check(text[ev["start"]:ev["end"]].decode() == ev["sentence"] and ev["title"] and ev["doc"].startswith("d-"),
          f"json: the evidence of {u} -> {v} names its document and its byte span holds the sentence")

    # GraphML -> NetworkX
    run("export", str(graph), "--format", "graphml", "-o", str(tmp / "g.graphml"))
    h = nx.read_graphml(tmp / "g.graphml")
    check(h.number_of_nodes() == stats["entities"], "graphml: NetworkX reads every node")
    check(h.number_of_edges() == stats["relations"], "graphml: NetworkX reads every edge")
    check(h.nodes["country:ro"]["kind"] == "country" and h.nodes["country:ro"]["name"] == "Romania", "graphml: kind and name attributes")
    check(all("relation" in d for _, _, d in h.edges(data=True)), "graphml: every edge has its relation")
    check(all(isinstance(d["weight"], float) and d["weight"] == d["documents"] for _, _, d in h.edges(data=True)),
          "graphml: every edge has a float weight (its documents), the attribute Gephi takes as weight")
    check(h.nodes["agency:europol"]["documents"] == g.nodes["agency:europol"]["documents"] > 1, "graphml: node documents as in JSON")
    check(any(known in d.get("first_sentence", "") for _, _, d in h.edges(data=True))
          and all(d["evidence_count"] >= 1 for _, _, d in h.edges(data=True)), "graphml: evidence count and first sentence on edges")

    # the cooperation view -> NetworkX
    run("export", str(graph), "--view", "cooperation", "--format", "json", "-o", str(tmp / "c.json"))
    c = nx.node_link_graph(json.loads((tmp / "c.json").read_text()), edges="links")
    run("export", str(graph), "--view", "cooperation", "--format", "graphml", "-o", str(tmp / "c.graphml"))
    cg = nx.read_graphml(tmp / "c.graphml")
    check(not c.is_directed() and not cg.is_directed() and c.number_of_edges() == cg.number_of_edges() > 0,
          f"cooperation: JSON and GraphML load as the same undirected graph ({c.number_of_nodes()} bodies, {c.number_of_edges()} links)")
    strength = dict(cg.degree(weight="weight"))
    hubs = sorted(strength, key=lambda n: -strength[n])[:3]
    check("agency:europol" in hubs and "agency:eurojust" in hubs, f"cooperation: Europol and Eurojust are hubs by weighted degree in NetworkX ({hubs})")
    check(c.edges["agency:eurojust", "agency:europol"]["weight"] == len(c.edges["agency:eurojust", "agency:europol"]["operations"]),
          "cooperation: a link's weight is the number of operations it keeps")

    # CSV -> Kuzu bulk load, the linking query in Cypher, evidence.csv
    out = tmp / "csv"
    run("export", str(graph), "--format", "csv", "-o", str(out))
    db = kuzu.Database(str(tmp / "kuzu-db"))
    conn = kuzu.Connection(db)
    conn.execute("CREATE NODE TABLE Entity(id STRING, kind STRING, name STRING, country STRING, aliases STRING, documents INT64, PRIMARY KEY(id))")
    conn.execute("CREATE REL TABLE Rel(FROM Entity TO Entity, relation STRING, documents INT64, count INT64, evidence_count INT64, first_sentence STRING)")
    conn.execute(f"COPY Entity FROM '{out / 'nodes.csv'}' (HEADER=true)")
    conn.execute(f"COPY Rel FROM '{out / 'edges.csv'}' (HEADER=true)")
    n = conn.execute("MATCH (e:Entity) RETURN count(e)").get_next()[0]
    check(n == stats["entities"], "csv: Kuzu COPY FROM loads every node")
    m = conn.execute("MATCH ()-[r:Rel]->() RETURN count(r)").get_next()[0]
    check(m == stats["relations"], "csv: Kuzu COPY FROM loads every edge")
    res = conn.execute(
        "MATCH (a:Entity)-[:Rel*1..2]-(ro:Entity {id: 'country:ro'}), (a)-[:Rel*1..2]-(fr:Entity {id: 'country:fr'}) "
        "WHERE a.kind = 'agency' RETURN DISTINCT a.id"
    )
    kuzu_agencies = set()
    while res.has_next():
        kuzu_agencies.add(res.get_next()[0])
    link = json.loads(run("link", str(graph), "Romania", "France", "--kind", "agency", "--limit", "1000", "--format", "json"))
    ours = {a["id"] for a in link["answers"]}
    check(ours == kuzu_agencies, f"csv: Kuzu Cypher finds the same {len(ours)} agencies linking Romania and France as casegraph link")
    check("agency:eurojust" in ours and "agency:europol" in ours, "link: Eurojust and Europol link Romania and France")
    res = conn.execute(f"LOAD FROM '{out / 'evidence.csv'}' (header=true) WHERE sentence CONTAINS '{known}' RETURN source, relation, target")
    rows = []
    while res.has_next():
        rows.append(res.get_next())
    check(["agency:europol", "coordinated"] in [r[:2] for r in rows], f"csv: Kuzu reads evidence.csv, keyed by relation ({len(rows)} rows hold the sentence)")

    # --format kuzu: one script, run unchanged in a fresh database
    run("export", str(graph), "--format", "kuzu", "-o", str(tmp / "g.kuzu"))
    script = (tmp / "g.kuzu").read_text()
    k = kuzu.Connection(kuzu.Database(str(tmp / "kuzu-script")))
    k.execute(script)
    check(k.execute("MATCH (e:Entity) RETURN count(e)").get_next()[0] == stats["entities"]
          and k.execute("MATCH ()-[r]->() RETURN count(r)").get_next()[0] == stats["relations"],
          "kuzu: the script runs unchanged in a fresh Kuzu database and loads every node and edge")
    res = k.execute(f"MATCH (a:Entity {{id: 'agency:europol'}})-[r:COORDINATED]->(o:Entity) WHERE r.first_sentence CONTAINS '{known}' RETURN o.kind, r.evidence_count")
    check(res.has_next() and res.get_next()[0] == "operation", "kuzu: edges carry their first sentence and evidence count")

    # hostile names survive the Kuzu script as data
    hdir = tmp / "hostile"
    hdir.mkdir()
    evil = "O'Brien \\ \"x\" '}) DETACH DELETE n // ; MATCH (m) DELETE m"
    run("curate", "--file", str(hdir / "curation.ron"), "rename", "agency:europol", evil)
    run("build", "tests/fixtures/hostile", "-o", str(hdir / "h.ron"))
    run("export", str(hdir / "h.ron"), "--format", "kuzu", "-o", str(hdir / "h.kuzu"))
    hk = kuzu.Connection(kuzu.Database(str(tmp / "kuzu-hostile")))
    hk.execute((hdir / "h.kuzu").read_text())
    name = hk.execute("MATCH (e:Entity {id: 'agency:europol'}) RETURN e.name").get_next()[0]
    hn = json.loads(run("stats", str(hdir / "h.ron"), "--format", "json"))["entities"]
    check(name == evil and hk.execute("MATCH (e:Entity) RETURN count(e)").get_next()[0] == hn,
          "kuzu: a hostile name comes back intact and deletes nothing")

    # --format cypher: its statements run unchanged in Kuzu after the kuzu script's schema
    run("export", str(graph), "--format", "cypher", "-o", str(tmp / "g.cypher"))
    schema = [l for l in script.splitlines() if l.startswith("CREATE ")]
    c2 = kuzu.Connection(kuzu.Database(str(tmp / "kuzu-cypher")))
    for st in schema:
        c2.execute(st)
    statements = [l for l in (tmp / "g.cypher").read_text().splitlines() if l and not l.startswith("//")]
    refused = []
    for st in statements:
        try:
            c2.execute(st)
        except RuntimeError as e:
            refused.append((st, str(e)))
    check([s for s, _ in refused] == [statements[0]] and statements[0].startswith("CREATE CONSTRAINT"),
          f"cypher: all {len(statements) - 1} statements after the Neo4j constraint run unchanged in Kuzu")
    check(c2.execute("MATCH (e:Entity) RETURN count(e)").get_next()[0] == stats["entities"]
          and c2.execute("MATCH ()-[r]->() RETURN count(r)").get_next()[0] == stats["relations"],
          "cypher: and create every node and edge")
    check(all(l.startswith(("UNWIND ", "CREATE CONSTRAINT")) for l in statements) and ":Entity:" not in "".join(statements),
          "cypher: constraint first, then UNWIND batches; one label per node")

    # --csv-dialect neo4j: neo4j-admin import headers
    nout = tmp / "neo4j"
    run("export", str(graph), "--format", "csv", "--csv-dialect", "neo4j", "-o", str(nout))
    types = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string"}

    def header_ok(cols, required):
        for col in cols:
            if col in (":ID", ":LABEL", ":START_ID", ":END_ID", ":TYPE") or col.endswith(":ID"):
                continue
            if ":" in col and col.split(":", 1)[1].removesuffix("[]") not in types:
                return False
        return all(any(c == r or c.endswith(r) for c in cols) for r in required)

    with open(nout / "nodes.csv", newline="") as f:
        nodes = list(csv.reader(f))
    with open(nout / "edges.csv", newline="") as f:
        edges = list(csv.reader(f))
    check(header_ok(nodes[0], [":ID", ":LABEL"]) and header_ok(edges[0], [":START_ID", ":END_ID", ":TYPE"]),
          f"neo4j csv: headers follow neo4j-admin import ({','.join(nodes[0])} / {','.join(edges[0])})")
    ids = {r[0] for r in nodes[1:]}
    si, ei, ti = edges[0].index(":START_ID"), edges[0].index(":END_ID"), edges[0].index(":TYPE")
    ints = [i for i, c in enumerate(edges[0]) if c.endswith(":int")]
    check(len(ids) == stats["entities"] and all(r[si] in ids and r[ei] in ids for r in edges[1:])
          and all(re.fullmatch(r"[A-Z_]+", r[ti]) for r in edges[1:])
          and all(r[i] == "" or r[i].isdigit() for r in edges[1:] for i in ints),
          "neo4j csv: every relationship names existing ids, a type and integer properties")

    # centrality agrees with NetworkX on the same (undirected, simple) graph
    und = nx.Graph()
    und.add_nodes_from(g.nodes)
    und.add_edges_from((u, v) for u, v in g.to_undirected().edges() if u != v)
    expected = {
        "degree": nx.degree_centrality(und),
        "betweenness": nx.betweenness_centrality(und, normalized=True),
        "closeness": nx.closeness_centrality(und, wf_improved=True),
        "pagerank": nx.pagerank(und, alpha=0.85, tol=1e-12, max_iter=10000),
        "eigenvector": nx.eigenvector_centrality(und, max_iter=10000, tol=1e-12),
    }
    for measure, exp in expected.items():
        got = json.loads(run("centrality", str(graph), "--measure", measure, "--top", "100000", "--format", "json"))
        ours = {x["id"]: x["score"] for x in got["scores"]}
        worst = max(abs(ours[k] - v) for k, v in exp.items())
        check(len(ours) == len(exp) and worst < 1e-6, f"centrality {measure}: agrees with NetworkX (max difference {worst:.2e})")

print(f"{passed} passed, 0 failed")
