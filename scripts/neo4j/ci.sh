#!/usr/bin/env bash
# CI: set up (Maven cache in ~/.m2, jars and classes cached in scripts/neo4j/target) and start the test Neo4j.
# .ci/run calls this before `npm test` and scripts/neo4j/stop.sh after.
set -euo pipefail
here="$(dirname "$0")"
"$here/setup.sh"
"$here/start.sh"
