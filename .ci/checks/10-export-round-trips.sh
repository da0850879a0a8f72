#!/usr/bin/env bash
# Export round trips: NetworkX loads JSON and GraphML, Kuzu loads the CSV
# and runs the Cypher, centrality agrees with NetworkX.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python tests/python/check_exports.py target/release/casegraph
