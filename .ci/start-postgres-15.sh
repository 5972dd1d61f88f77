#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 cluster (installing it when absent) and
# prints a DATABASE_URL for a superuser role that may create databases.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! pg_lsclusters 2>/dev/null | grep -q '^15 '; then
  echo "PostgreSQL 15 is not installed; installing it from Debian's packages" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
fi
# Starts the cluster without the descriptors this script inherited: the server
# is a daemon that keeps what it inherits until it stops, and under
# `flock /work/locks/heavy.lock bash .ci/run` one of them holds the lock.
start_cluster() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ] && [ "$fd" -ne 255 ]; then eval "exec $fd>&-"; fi
  done
  pg_ctlcluster --skip-systemctl-redirect 15 main start
}
if ! pg_lsclusters | grep -Eq '^15 +main +[0-9]+ +online'; then
  (start_cluster) >&2
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
