#!/usr/bin/env bash
# Export round trips: NetworkX loads JSON and GraphML (graph and cooperation
# view) and finds the evidence; Kuzu loads the CSV, runs the kuzu script
# unchanged and the Cypher's statements unchanged; the neo4j CSV headers
# follow neo4j-admin's rules; centrality agrees with NetworkX.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python tests/python/check_exports.py target/release/casegraph
