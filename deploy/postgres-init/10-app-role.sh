#!/bin/sh
# The database role web, worker and beat connect as (docker-compose.yml mounts this directory
# into /docker-entrypoint-initdb.d, which PostgreSQL's image runs once, on an empty volume).
# It gets a login and nothing else here: `manage.py migrate`, run as the owner (POSTGRES_USER),
# grants it SELECT, INSERT, UPDATE and DELETE on the tables (iop/database_roles.py).
#
# On a volume made before this script existed, run it once by hand; it is safe to rerun and
# sets the password again:
#   docker compose exec db sh /docker-entrypoint-initdb.d/10-app-role.sh
set -eu
: "${IOP_DB_APP_PASSWORD:?set IOP_DB_APP_PASSWORD}"
export IOP_APP_DATABASE_ROLE="${IOP_APP_DATABASE_ROLE:-iop_app}"

# The password is read from the environment inside psql (\getenv), never put on a command line.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" \
    --dbname "${POSTGRES_DB:-postgres}" <<'SQL'
\getenv app_role IOP_APP_DATABASE_ROLE
\getenv app_password IOP_DB_APP_PASSWORD
SELECT format(
    'CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS',
    :'app_role'
) WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_role') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'app_role', :'app_password') \gexec
SQL
