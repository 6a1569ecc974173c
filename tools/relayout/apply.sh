#!/usr/bin/env bash
# Re-lays the tree (docs/architecture.md): moves, rewrites imports and paths, adds the layout
# check. Run from anywhere in a clean checkout of this project with node_modules installed:
#
#   bash tools/relayout/apply.sh            (then review `git status`, run the checks, commit)
#   bash tools/relayout/apply.sh --dry-run  (lists what would move and change)
#
# Safe to run twice: the second run moves and rewrites nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$(git -C "$here" rev-parse --show-toplevel)"
# Any Node >= 20 runs the codemod (plain JavaScript); the project's own when installed.
node=node
[ -x node_modules/.bin/node ] && node=node_modules/.bin/node
"$node" "$here/relayout.mjs" "$@"
if [ "${1:-}" != "--dry-run" ]; then
  # The moved and added files in the project's format (biome sorts the rewritten imports).
  if [ -x tools/lint/node_modules/.bin/biome ] || "$node" tools/ensure-installed.ts tools/lint >/dev/null; then
    tools/lint/node_modules/.bin/biome check --write . >/dev/null 2>&1 || true
  fi
  git add -A -- src test bench tools docs
  git add -u
fi
