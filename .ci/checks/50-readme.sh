#!/usr/bin/env bash
# The README's first commands run cargo themselves (cargo run --release in a
# fresh clone). tests/readme.rs runs them only when asked, here, after
# .ci/test's release build: in the temporary copy, cargo reuses the
# dependencies already built in this target folder and compiles only
# casegraph itself. The rest of the README runs in plain `cargo test` too.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="$PWD/target"
# the harness binary is run directly, not through `cargo test`, so the
# cargo commands inside it do not wait for the lock of the outer cargo
bin=$(cargo test -q --test readme --no-run --message-format=json 2>/dev/null \
  | grep '"kind":\["test"\]' | grep '"name":"readme"' \
  | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
test -x "$bin"
CASEGRAPH_README_CARGO=1 "$bin" every_readme_command_runs_as_written --nocapture
