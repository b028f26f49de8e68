#!/usr/bin/env bash
# Fuzzes the live API from its own OpenAPI document with schemathesis: every operation, signed in as an
# admin (bearer token). Passes when no answer is a 5xx and the server still answers /api/health after.
# Needs .venv-fuzz (scripts/setup-fuzz.sh). FUZZ_EXAMPLES sets the examples per operation (default 12).
set -euo pipefail
cd "$(dirname "$0")/.."
ST=.venv-fuzz/bin/schemathesis
if [ ! -x "$ST" ]; then
  echo "fuzz-api: no $ST; run scripts/setup-fuzz.sh first (python3 -m venv + pip install schemathesis)" >&2
  exit 2
fi
DIR=$(mktemp -d)
DB="$DIR/atlas.db"
PW=fuzz-password-1
node bin/chain-atlas.js --db "$DB" user add fuzz --role admin --password "$PW" >/dev/null
LOG_LEVEL=warn node bin/chain-atlas.js --db "$DB" serve --port 0 >"$DIR/server.log" 2>&1 &
PID=$!
cleanup() {
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT
URL=""
for _ in $(seq 1 240); do
  URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$DIR/server.log" | head -1 || true)
  [ -n "$URL" ] && break
  kill -0 "$PID" 2>/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
  sleep 0.5
done
[ -n "$URL" ] || { echo "fuzz-api: the server did not start" >&2; cat "$DIR/server.log" >&2; exit 1; }
echo "fuzz-api: server at $URL"
curl -sf -c "$DIR/cookies" -H 'content-type: application/json' \
  -d "{\"username\":\"fuzz\",\"password\":\"$PW\"}" "$URL/api/auth/login" >/dev/null
CSRF=$(awk '$6 == "atlas_csrf" { print $7 }' "$DIR/cookies")
TOKEN=$(curl -sf -b "$DIR/cookies" -H "x-csrf-token: $CSRF" -H 'content-type: application/json' \
  -d '{"name":"schemathesis"}' "$URL/api/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

set +e
"$ST" run "$URL/api/openapi.json" \
  --checks not_a_server_error \
  --header "Authorization: Bearer $TOKEN" \
  --max-examples "${FUZZ_EXAMPLES:-12}" \
  --workers 1 \
  --seed "${FUZZ_SEED:-1}" \
  --request-timeout 60 \
  --suppress-health-check all \
  --warnings off \
  --no-color
RC=$?
set -e
if ! curl -sf "$URL/api/health" >/dev/null; then
  echo "fuzz-api: FAILED: the server no longer answers /api/health" >&2
  cat "$DIR/server.log" >&2
  exit 1
fi
echo "fuzz-api: server alive after the run"
if grep -q '"level":50' "$DIR/server.log"; then
  echo "fuzz-api: the server logged errors:" >&2
  grep '"level":50' "$DIR/server.log" | head -20 >&2
fi
exit "$RC"
