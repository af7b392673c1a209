#!/usr/bin/env bash
# Makes a local PostgreSQL 15 ready for Concord's tests and benchmarks:
# installs it with apt where missing, starts the cluster, and creates the
# role "concord" (neither superuser nor BYPASSRLS, so row-level security binds
# it) and the databases concord_test and concord_bench. Idempotent. Prints
# the URL to use as CONCORD_TEST_PG.
set -euo pipefail

# Root runs administrative steps directly; anyone else through sudo.
if [ "$(id -u)" = 0 ]; then as_root() { "$@"; }; else as_root() { sudo "$@"; }; fi
as_postgres() { as_root su postgres -s /bin/sh -c "$1"; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /usr/lib/postgresql/15 ]; then
  echo "setup-postgres: installing PostgreSQL 15 with apt" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
fi
if ! pg_lsclusters -h | grep -q '^15 *main'; then
  as_root pg_createcluster 15 main >&2
fi
if ! pg_lsclusters -h | grep -q '^15 *main .*online'; then
  as_root pg_ctlcluster 15 main start >&2
fi
for _ in $(seq 1 30); do
  as_postgres "pg_isready -q" && break
  sleep 1
done

psql_admin() { as_postgres "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ "$(psql_admin "select 1 from pg_roles where rolname = 'concord'")" != "1" ]; then
  psql_admin "create role concord login password 'concord' nosuperuser nocreatedb nocreaterole"
fi
# Row-level security (the second wall) binds only roles without these: make sure, every run.
psql_admin "alter role concord nosuperuser nobypassrls"
for db in concord_test concord_bench; do
  if [ "$(psql_admin "select 1 from pg_database where datname = '$db'")" != "1" ]; then
    psql_admin "create database $db owner concord"
  fi
done
echo "postgres://concord:concord@localhost:5432/concord_test"
