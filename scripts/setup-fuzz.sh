#!/usr/bin/env bash
# Creates .venv-fuzz with schemathesis (from PyPI) for scripts/fuzz-api.sh; .ci/run calls this before npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-fuzz/bin/schemathesis ]; then
  python3 -m venv .venv-fuzz
  .venv-fuzz/bin/pip install --quiet --disable-pip-version-check "schemathesis==${SCHEMATHESIS_VERSION:-4.32.5}"
fi
.venv-fuzz/bin/schemathesis --version
