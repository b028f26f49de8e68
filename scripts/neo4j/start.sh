#!/usr/bin/env bash
# npm run neo4j:start — start the throwaway Neo4j in the background, wait for Bolt, write the pid file.
# Port: $NEO4J_TEST_PORT (7688); password: $NEO4J_TEST_PASSWORD (chain-atlas-test); data: data/neo4j/;
# heap $NEO4J_HEAP (1g), page cache $NEO4J_PAGECACHE_MB (256).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/scripts/neo4j"
port="${NEO4J_TEST_PORT:-7688}"
dir="$root/data/neo4j"
pidfile="$dir/neo4j.pid"
log="$dir/neo4j.log"
mkdir -p "$dir"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "neo4j:start: already running (pid $(cat "$pidfile")) on bolt://127.0.0.1:$port"
  exit 0
fi
"$here/setup.sh" >/dev/null  # idempotent: recompiles the launcher when its source changed
: >"$log"
NEO4J_PASSWORD="${NEO4J_TEST_PASSWORD:-chain-atlas-test}" nohup java -Xmx"${NEO4J_HEAP:-1g}" \
  -cp "$here/target/classes:$here/target/lib/*" AtlasNeo4j "$dir/home" "$port" >>"$log" 2>&1 &
echo $! >"$pidfile"
for _ in $(seq 1 240); do
  if grep -q "^BOLT READY $port" "$log"; then
    echo "neo4j:start: BOLT READY on bolt://127.0.0.1:$port (pid $(cat "$pidfile"), log $log)"
    exit 0
  fi
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "neo4j:start: the server exited before Bolt was ready; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    rm -f "$pidfile"
    exit 1
  fi
  sleep 0.5
done
echo "neo4j:start: Bolt not ready after 120 s; see $log" >&2
exit 1
