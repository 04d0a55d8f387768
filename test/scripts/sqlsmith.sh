#!/usr/bin/env bash
# Short bounded sqlsmith run for the test command (about 15 s); `make sqlsmith` runs the
# long one.  See test/sqlsmith.sh.
exec bash "$(dirname "$0")/../sqlsmith.sh" --max-queries "${SQLSMITH_QUERIES:-4000}" --timeout "${SQLSMITH_SECONDS:-40}"
