#!/usr/bin/env bash
# The whole suite on SQLite, then again on PostgreSQL when TEST_DATABASE_URL is set.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p test-output
status=0
echo "== tests on SQLite"
env -u TEST_DATABASE_URL "$PY" -m pytest "$@" || status=$?
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== tests on PostgreSQL ($TEST_DATABASE_URL)"
  "$PY" -m pytest "$@" || status=$?
else
  echo "== PostgreSQL: TEST_DATABASE_URL is not set, so the suite ran on SQLite only."
  echo "   To run it on PostgreSQL too: TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test make test"
fi
exit $status
