#!/usr/bin/env python3
"""Load casegraph's exports with the tools they are for, not string matching.

usage: check_exports.py CASEGRAPH_BINARY

Builds the sample graph from corpus/, then checks that
- the node-link JSON loads in NetworkX with the same nodes, edges and kinds;
- the GraphML loads in NetworkX with kinds and relations as attributes;
- nodes.csv/edges.csv bulk-load into Kuzu with COPY FROM, and a Cypher
  query there finds the same agencies linking Romania and France as
  `casegraph link` does;
- the Cypher export runs in Kuzu statement by statement.
Prints 'N passed, 0 failed' and exits non-zero on the first failure.
"""
import json
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

    # node-link JSON -> NetworkX
    run("export", str(graph), "--format", "json", "-o", str(tmp / "g.json"))
    data = json.loads((tmp / "g.json").read_text())
    g = nx.node_link_graph(data, edges="links")
    check(g.number_of_nodes() == stats["entities"], "json: NetworkX reads every node")
    check(g.number_of_edges() == stats["relations"], "json: NetworkX reads every edge")
    check(g.nodes["agency:europol"]["kind"] == "agency", "json: node kinds are attributes")
    rels = {d["relation"] for _, _, d in g.edges(data=True)}
    check("coordinated" in rels and "participated-in" in rels, "json: edge relations are attributes")

    # GraphML -> NetworkX
    run("export", str(graph), "--format", "graphml", "-o", str(tmp / "g.graphml"))
    h = nx.read_graphml(tmp / "g.graphml")
    check(h.number_of_nodes() == stats["entities"], "graphml: NetworkX reads every node")
    check(h.number_of_edges() == stats["relations"], "graphml: NetworkX reads every edge")
    check(h.nodes["country:ro"]["kind"] == "country" and h.nodes["country:ro"]["name"] == "Romania", "graphml: kind and name attributes")
    check(all("relation" in d for _, _, d in h.edges(data=True)), "graphml: every edge has its relation")

    # CSV -> Kuzu bulk load, and the linking query in Cypher
    out = tmp / "csv"
    run("export", str(graph), "--format", "csv", "-o", str(out))
    db = kuzu.Database(str(tmp / "kuzu-db"))
    conn = kuzu.Connection(db)
    conn.execute("CREATE NODE TABLE Entity(id STRING, kind STRING, name STRING, country STRING, aliases STRING, documents INT64, PRIMARY KEY(id))")
    conn.execute("CREATE REL TABLE Rel(FROM Entity TO Entity, relation STRING, documents INT64, count INT64)")
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

    # Cypher export runs in Kuzu
    run("export", str(graph), "--format", "cypher", "-o", str(tmp / "g.cypher"))
    db2 = kuzu.Database(str(tmp / "kuzu-cypher"))
    c2 = kuzu.Connection(db2)
    c2.execute("CREATE NODE TABLE Entity(id STRING, name STRING, kind STRING, country STRING, PRIMARY KEY(id))")
    for rel in ["COORDINATED", "SUPPORTED", "PARTICIPATED_IN", "ARRESTED_IN", "VICTIMS_FROM", "EXPLOITED_IN", "ACTIVE_IN", "TARGETED", "BASED_IN"]:
        c2.execute(f"CREATE REL TABLE {rel}(FROM Entity TO Entity, documents INT64)")
    statements = [l for l in (tmp / "g.cypher").read_text().splitlines() if l and not l.startswith("//")]
    for st in statements:
        # Kuzu has one label per node table: drop the kind label, keep the data
        st = st.replace("MERGE (n:Entity:Agency ", "MERGE (n:Entity ")
        for k in ["Country", "Operation", "Ocg", "City", "Region", "Crime"]:
            st = st.replace(f"MERGE (n:Entity:{k} ", "MERGE (n:Entity ")
        c2.execute(st)
    n2 = c2.execute("MATCH (e:Entity) RETURN count(e)").get_next()[0]
    check(n2 == stats["entities"], "cypher: every MERGE statement runs in Kuzu and creates every node")

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
