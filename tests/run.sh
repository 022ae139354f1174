#!/usr/bin/env bash
# The whole suite on SQLite, then again on PostgreSQL when TEST_DATABASE_URL is set. The tests run in parallel,
# a process per core (pytest-xdist; VOX_TEST_JOBS=1 for one process), each process on a database of its own.
# In CI (VOX_CI=1) a test skipped because a program is missing fails the run, and PostgreSQL is required.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
JOBS=(-n "${VOX_TEST_JOBS:-auto}")
mkdir -p test-output
if [ "${VOX_CI:-}" = "1" ] && [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "CI runs the suite on PostgreSQL too (the fault test needs it): set TEST_DATABASE_URL" >&2
  exit 1
fi
status=0
echo "== tests on SQLite"
env -u TEST_DATABASE_URL "$PY" -m pytest "${JOBS[@]}" "$@" || status=$?
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== tests on PostgreSQL ($TEST_DATABASE_URL; each process on a database of its own, ${TEST_DATABASE_URL##*/}_gw0...)"
  "$PY" -m pytest "${JOBS[@]}" "$@" || status=$?
else
  echo "== PostgreSQL: TEST_DATABASE_URL is not set, so the suite ran on SQLite only."
  echo "   To run it on PostgreSQL too: TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test make test"
fi
exit $status
