#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 cluster (installing it when absent) and
# prints a DATABASE_URL for a superuser role that may create databases.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! pg_lsclusters 2>/dev/null | grep -q '^15 '; then
  echo "PostgreSQL 15 is not installed; installing it from Debian's packages" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
fi
if ! pg_lsclusters | grep -Eq '^15 +main +[0-9]+ +online'; then
  # The server outlives this script, so it must not inherit the caller's file
  # descriptors: under `flock LOCK bash -c '…'` it would keep LOCK held forever.
  (
    for fd in $(ls /proc/$BASHPID/fd); do
      case $fd in 0 | 1 | 2) ;; *) eval "exec $fd>&-" ;; esac
    done
    exec pg_ctlcluster --skip-systemctl-redirect 15 main start
  ) >&2
fi
port=$(pg_lsclusters | awk '$1 == "15" && $2 == "main" { print $3 }')
su postgres -c "psql -q -p $port -v ON_ERROR_STOP=1" >&2 <<'SQL'
do $$ begin
  if not exists (select from pg_roles where rolname = 'spine_ci') then
    create role spine_ci login superuser password 'spine_ci';
  end if;
end $$;
SQL
echo "postgres://spine_ci:spine_ci@127.0.0.1:${port}/postgres"
