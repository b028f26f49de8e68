#!/usr/bin/env bash
# CI: set up (Maven cache in ~/.m2, jars and classes cached in scripts/neo4j/target) and start the test Neo4j.
# .ci/run calls this before `npm test` and scripts/neo4j/stop.sh after (e.g. `trap scripts/neo4j/stop.sh EXIT`).
set -euo pipefail
here="$(dirname "$0")"
if ! command -v javac >/dev/null || ! command -v mvn >/dev/null; then
  # A JDK 17 and Maven from Debian, only when the image lacks them.
  apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null
fi
"$here/setup.sh"
NEO4J_HEAP="${NEO4J_HEAP:-1g}" "$here/start.sh"
