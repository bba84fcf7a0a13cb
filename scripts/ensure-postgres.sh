#!/usr/bin/env bash
# Make sure the PostgreSQL that the `postgres` dbt target points at is up, with leadhub's role
# and database. Starts a local Debian cluster when none answers; installs PostgreSQL from
# Debian's packages when LEADHUB_INSTALL_POSTGRES=1 (CI) and none is installed.
# Exits non-zero, saying why, when no server can be had: the test suite requires one.
set -euo pipefail

host=${LEADHUB_PG_HOST:-localhost}
port=${LEADHUB_PG_PORT:-5432}
user=${LEADHUB_PG_USER:-leadhub}
password=${LEADHUB_PG_PASSWORD:-leadhub}
database=${LEADHUB_PG_DATABASE:-leadhub}

ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if [ "${LEADHUB_INSTALL_POSTGRES:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
        echo "ensure-postgres: installing PostgreSQL from Debian's packages"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    fi
fi

if ! ready; then
    if command -v pg_lsclusters >/dev/null 2>&1; then
        cluster=$(pg_lsclusters -h | awk -v p="$port" '$3 == p {print $1" "$2; exit}')
        if [ -z "$cluster" ] && [ "$(id -u)" = 0 ]; then
            version=$(ls /usr/lib/postgresql | sort -n | tail -1)
            echo "ensure-postgres: creating cluster $version/main on port $port"
            pg_createcluster "$version" main --port "$port" >/dev/null
            cluster="$version main"
        fi
        if [ -n "$cluster" ]; then
            echo "ensure-postgres: starting PostgreSQL cluster $cluster"
            # shellcheck disable=SC2086
            pg_ctlcluster --skip-systemctl-redirect $cluster start || true
        fi
    fi
    for _ in $(seq 1 30); do ready && break; sleep 1; done
fi

if ! ready; then
    echo "ensure-postgres: no PostgreSQL answers at $host:$port and none could be started." >&2
    echo "  Install Debian's postgresql package (or set LEADHUB_PG_HOST/PORT to a running server)." >&2
    exit 1
fi

# Create the role and database when we can act as the postgres superuser (a local cluster).
if [ "$host" = localhost ] || [ "$host" = 127.0.0.1 ]; then
    if as_postgres true 2>/dev/null; then
        # Names and the password go in as psql variables (:'v' a literal, :"v" an identifier),
        # quoted by psql itself: a quote or a semicolon in them cannot change the SQL.
        psql_vars=(-v "user=$user" -v "password=$password" -v "database=$database")
        echo "select 1 from pg_roles where rolname = :'user'" |
            as_postgres psql -p "$port" -qtA "${psql_vars[@]}" | grep -q 1 ||
            echo "create role :\"user\" login createdb password :'password'" |
            as_postgres psql -p "$port" -q "${psql_vars[@]}"
        echo "select 1 from pg_database where datname = :'database'" |
            as_postgres psql -p "$port" -qtA "${psql_vars[@]}" | grep -q 1 ||
            echo "create database :\"database\" owner :\"user\"" |
            as_postgres psql -p "$port" -q "${psql_vars[@]}"
        # leadhub's roles: loader, transformer, analysts (no personal columns), PII readers
        as_postgres psql -p "$port" -d "$database" -q -v ON_ERROR_STOP=1 \
            -v loader_role=leadhub_loader -v transformer_role=leadhub_transformer \
            -v analyst_role=leadhub_analyst -v pii_reader_role=leadhub_pii_reader \
            <"$(dirname "$0")/postgres-roles.sql"
    fi
fi

if ! PGPASSWORD=$password psql -h "$host" -p "$port" -U "$user" -d "$database" -qtAc "select 1" >/dev/null; then
    echo "ensure-postgres: cannot log in as $user to database $database at $host:$port" >&2
    exit 1
fi
echo "ensure-postgres: PostgreSQL ready at $host:$port (database $database, user $user)"
