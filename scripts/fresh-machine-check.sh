#!/usr/bin/env bash
# Fresh-machine check: clones this repository's committed HEAD into an empty folder with an empty HOME (so an empty npm
# cache and no user config) and runs exactly what the README tells a newcomer: `. scripts/use-node.sh` (it does nothing on
# Node 24+), `npm install && npm start`, then `npm test`. With --typecheck it also runs `npm run typecheck` before the tests.
# Prints everything a newcomer would see; exits with the first failing step's status. Run by .ci/run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
typecheck=false
[ "${1:-}" = "--typecheck" ] && typecheck=true

work="$(mktemp -d "${TMPDIR:-/tmp}/semnote-fresh-XXXXXX")"
export HOME="$work/home"
mkdir -p "$HOME"
unset npm_config_cache npm_config_prefix npm_config_userconfig XDG_CACHE_HOME XDG_DATA_HOME XDG_CONFIG_HOME \
  CHROMIUM_PATH SEMNOTE_MODELS_DIR SEMNOTE_MODEL_SOURCE ELECTRON_SKIP_BINARY_DOWNLOAD ONNXRUNTIME_NODE_INSTALL

step() { printf '\n==== %s\n' "$*"; }

step "git clone $repo $work/semnote"
git clone --quiet "$repo" "$work/semnote"
# The evaluation sets live beside the repository (../shared), as on a developer's machine and in CI.
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"
cd "$work/semnote"
git log -1 --format='HEAD %h %s'

step ". scripts/use-node.sh"
. scripts/use-node.sh

step "npm install && npm start"
npm install && npm start

if $typecheck; then
  step "npm run typecheck"
  npm run typecheck
fi

step "npm test"
npm test
