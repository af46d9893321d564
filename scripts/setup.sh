#!/usr/bin/env bash
# Installs what the workspace needs on a machine that has only Node 20 and npm:
# pnpm, the workspace dependencies and, with --browser, Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0

# A fresh machine's network may drop a download now and then: try again before giving up.
retry() {
  local attempt
  for attempt in 1 2 3; do
    "$@" && return 0
    [ "$attempt" = 3 ] || { echo "setup: '$*' failed, trying again" >&2; sleep $((attempt * 10)); }
  done
  return 1
}

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  retry npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
fi

# better-sqlite3 (collector) compiles with node-gyp when no prebuilt binary can be fetched, and
# node-gyp downloads Node's headers unless told where they are. pnpm does not read npm's
# `nodedir` from ~/.npmrc, so pass it on through the environment when this machine has them.
if [ -z "${npm_config_nodedir:-}" ]; then
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$node_prefix/include/node/node_version.h" ]; then
    export npm_config_nodedir="$node_prefix"
  fi
fi

if [ "${CI:-}" = "true" ]; then
  retry pnpm install --frozen-lockfile
else
  retry pnpm install
fi

if [ "${1:-}" = "--browser" ]; then
  chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$chromium_path" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      echo "setup: installing Chromium with apt-get"
      retry apt-get update -qq
      retry env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "setup: no Chromium at $chromium_path and no way to install it." >&2
      echo "       Install Chromium and set CHROMIUM_PATH to its executable." >&2
      exit 1
    fi
  fi

  # The collector's ClickHouse suite starts clickhouse-server itself (test/clickhouse.ts).
  if [ -z "${CLICKHOUSE_SERVER:-}" ] && [ ! -x /usr/sbin/clickhouse-server ] \
    && ! command -v clickhouse-server >/dev/null && ! command -v clickhouse >/dev/null; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      echo "setup: installing ClickHouse with apt-get"
      retry apt-get update -qq
      retry env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clickhouse-server >/dev/null
    else
      echo "setup: no ClickHouse server and no way to install it." >&2
      echo "       Install clickhouse-server, or set CLICKHOUSE_SERVER to the command that runs one." >&2
      exit 1
    fi
  fi
fi
