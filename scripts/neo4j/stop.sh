#!/usr/bin/env bash
# npm run neo4j:stop — stop the throwaway Neo4j by its pid file (SIGTERM, it shuts down cleanly).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
pidfile="$root/data/neo4j/neo4j.pid"
if [ ! -f "$pidfile" ]; then
  echo "neo4j:stop: not running (no $pidfile)"
  exit 0
fi
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "neo4j:stop: pid $pid still running after 60 s; sending SIGKILL" >&2
    kill -KILL "$pid"
  fi
fi
rm -f "$pidfile"
echo "neo4j:stop: stopped"
