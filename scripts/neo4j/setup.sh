#!/usr/bin/env bash
# npm run neo4j:setup — resolve embedded Neo4j (Maven, cached in ~/.m2) and compile the launcher; idempotent.
set -euo pipefail
cd "$(dirname "$0")"
lib=target/lib
if [ ! -f "$lib/neo4j-5.26.14.jar" ] || [ pom.xml -nt "$lib/neo4j-5.26.14.jar" ]; then
  echo "neo4j:setup: resolving org.neo4j:neo4j:5.26.14 with Maven (cached in ~/.m2)…"
  rm -rf "$lib"
  mvn -q -B dependency:copy-dependencies -DoutputDirectory="$lib" -DincludeScope=runtime
  touch "$lib/neo4j-5.26.14.jar"
fi
if [ ! -f target/classes/AtlasNeo4j.class ] || [ src/AtlasNeo4j.java -nt target/classes/AtlasNeo4j.class ]; then
  mkdir -p target/classes
  javac -d target/classes -cp "$lib/*" src/AtlasNeo4j.java
fi
echo "neo4j:setup: ready ($(ls "$lib" | wc -l) jars)"
