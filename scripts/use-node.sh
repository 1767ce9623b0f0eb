# Source this file (`. scripts/use-node.sh`) to put the Node.js line Semnote needs first on PATH in this shell.
# It does nothing when `node` is already new enough. Otherwise it installs the official Node binary that the npm
# registry serves as a package (node-<os>-<arch>) into a cache folder and prepends its bin folder to PATH.
# `.ci/run` and the fresh-machine check use exactly this.
SEMNOTE_NODE_VERSION=24.22.3
SEMNOTE_NODE_MAJOR=24

semnote_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(semnote_node_major)" -ge "$SEMNOTE_NODE_MAJOR" ] 2>/dev/null; then
  echo "Node $(node -v) is on PATH: nothing to do."
else
  case "$(uname -s)" in
    Linux) semnote_os=linux ;;
    Darwin) semnote_os=darwin ;;
    *) semnote_os='' ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) semnote_arch=x64 ;;
    aarch64 | arm64) semnote_arch=arm64 ;;
    *) semnote_arch='' ;;
  esac
  if [ -z "$semnote_os" ] || [ -z "$semnote_arch" ] || ! command -v npm >/dev/null 2>&1; then
    echo "Semnote needs Node.js $SEMNOTE_NODE_MAJOR; install it from https://nodejs.org (or nvm, fnm, Volta)." >&2
  else
    semnote_pkg="node-$semnote_os-$semnote_arch"
    semnote_dir="${XDG_CACHE_HOME:-$HOME/.cache}/semnote/node-v$SEMNOTE_NODE_VERSION-$semnote_os-$semnote_arch"
    semnote_bin="$semnote_dir/node_modules/$semnote_pkg/bin"
    if [ ! -x "$semnote_bin/node" ]; then
      echo "Fetching Node $SEMNOTE_NODE_VERSION from the npm registry ($semnote_pkg) into $semnote_dir ..."
      mkdir -p "$semnote_dir" &&
        npm install --prefix "$semnote_dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
          "$semnote_pkg@$SEMNOTE_NODE_VERSION" >/dev/null
    fi
    if [ -x "$semnote_bin/node" ]; then
      PATH="$semnote_bin:$PATH"
      export PATH
      hash -r 2>/dev/null || true
      echo "Using Node $(node -v) from $semnote_bin"
    else
      echo "Could not fetch $semnote_pkg@$SEMNOTE_NODE_VERSION; install Node.js $SEMNOTE_NODE_MAJOR from https://nodejs.org." >&2
    fi
  fi
  unset semnote_os semnote_arch semnote_pkg semnote_dir semnote_bin
fi
unset -f semnote_node_major
