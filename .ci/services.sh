# shellcheck shell=bash
# Real services for the contract and worker tests: PostgreSQL, Redis and an S3 server (moto).
#
#   source .ci/services.sh
#   trap stop_services EXIT
#   start_services          # installs what is missing, starts all three on free ports on 127.0.0.1
#   ...run the tests...     # RESUMAX_TEST_{POSTGRES,REDIS,S3}_URL and RESUMAX_REQUIRE_SERVICES=1 are exported
#   stop_services           # stops what start_services started; safe to call twice or after a failure
#
# Everything lives in one temporary directory (data, sockets, logs), removed by stop_services. Nothing is
# persisted, nothing listens beyond 127.0.0.1, and servers this script did not start are never touched.
#
# Settings (environment): RESUMAX_SERVICES_PYTHON, the Python that runs moto_server (default: the CI venv,
# else the project's .venv, else python3; moto[server] is pip-installed into it when missing);
# RESUMAX_SERVICES_PG_VERSION (default 15, else the newest installed).

_svc_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_SVC_BUCKET="resumax-test"
_SVC_DATABASE="resumax_test"

_svc_log() { printf 'services: %s\n' "$*" >&2; }

_svc_python() {
    if [[ -n "${RESUMAX_SERVICES_PYTHON:-}" ]]; then
        printf '%s\n' "$RESUMAX_SERVICES_PYTHON"
    elif [[ -x "${RESUMAX_CI_VENV:-$_svc_repo/.ci-venv}/bin/python" ]]; then
        printf '%s\n' "${RESUMAX_CI_VENV:-$_svc_repo/.ci-venv}/bin/python"
    elif [[ -x "$_svc_repo/.venv/bin/python" ]]; then
        printf '%s\n' "$_svc_repo/.venv/bin/python"
    else
        command -v python3
    fi
}

_svc_free_port() {
    python3 - <<'EOF'
import socket
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    print(probe.getsockname()[1])
EOF
}

# _svc_wait SECONDS COMMAND...: run COMMAND until it succeeds, at most SECONDS.
_svc_wait() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            return 1
        fi
        sleep 0.2
    done
}

_svc_pg_bin() {
    local wanted="${RESUMAX_SERVICES_PG_VERSION:-15}"
    if [[ -x "/usr/lib/postgresql/$wanted/bin/initdb" ]]; then
        printf '%s\n' "/usr/lib/postgresql/$wanted/bin"
        return 0
    fi
    local newest
    newest="$(find /usr/lib/postgresql -maxdepth 3 -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$newest" ]] && dirname "$newest"
}

_svc_install() {
    local missing=()
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    _svc_pg_bin >/dev/null || missing+=(postgresql)
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    if [[ "$(id -u)" != 0 ]]; then
        _svc_log "missing ${missing[*]} and not root: install them first"
        return 1
    fi
    _svc_log "installing ${missing[*]}"
    # Packages must not start their own servers (Debian's postgresql would start a cluster on 5432).
    local policy=/usr/sbin/policy-rc.d added_policy=""
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added_policy=1
    fi
    local status=0
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
        status=$?
    [[ -n "$added_policy" ]] && rm -f "$policy"
    return "$status"
}

# _svc_as_postgres COMMAND...: PostgreSQL refuses to run as root, so root runs it as "postgres".
_svc_as_postgres() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

_svc_start_postgres() {
    local bin port data="$RESUMAX_SVC_DIR/postgres"
    bin="$(_svc_pg_bin)" || { _svc_log "no PostgreSQL found"; return 1; }
    port="$(_svc_free_port)" || return 1
    mkdir -p "$data/db" "$data/socket" || return 1
    if [[ "$(id -u)" == 0 ]]; then
        chown -R postgres: "$data" || return 1
    fi
    _svc_as_postgres "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 --no-sync \
        >"$RESUMAX_SVC_DIR/initdb.log" 2>&1 || { _svc_log "initdb failed"; cat "$RESUMAX_SVC_DIR/initdb.log" >&2; return 1; }
    RESUMAX_SVC_PG_BIN="$bin"
    RESUMAX_SVC_PG_DATA="$data/db"
    _svc_as_postgres "$bin/pg_ctl" -D "$data/db" -l "$data/postgres.log" -w -t 60 \
        -o "-k $data/socket -p $port -h 127.0.0.1 -F" start >/dev/null ||
        { _svc_log "PostgreSQL did not start"; cat "$data/postgres.log" >&2; return 1; }
    _svc_wait 30 "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { _svc_log "PostgreSQL does not answer"; return 1; }
    _svc_as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$_SVC_DATABASE" || return 1
    export RESUMAX_TEST_POSTGRES_URL="postgresql+asyncpg://postgres@127.0.0.1:$port/$_SVC_DATABASE"
    _svc_log "PostgreSQL on 127.0.0.1:$port"
}

_svc_start_redis() {
    local port
    port="$(_svc_free_port)" || return 1
    redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --daemonize yes \
        --pidfile "$RESUMAX_SVC_DIR/redis.pid" --logfile "$RESUMAX_SVC_DIR/redis.log" \
        --dir "$RESUMAX_SVC_DIR" || return 1
    RESUMAX_SVC_REDIS_PORT="$port"
    _svc_wait 30 _svc_redis_ready "$port" || { _svc_log "Redis does not answer"; cat "$RESUMAX_SVC_DIR/redis.log" >&2; return 1; }
    export RESUMAX_TEST_REDIS_URL="redis://127.0.0.1:$port/0"
    _svc_log "Redis on 127.0.0.1:$port"
}

_svc_redis_ready() { [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == PONG ]]; }

_svc_start_moto() {
    local python port
    python="$(_svc_python)" || return 1
    if ! "$python" -c 'import moto.server' >/dev/null 2>&1; then
        _svc_log "installing moto[server] into $python"
        "$python" -m pip install -q "moto[server]" || return 1
    fi
    port="$(_svc_free_port)" || return 1
    # In a session of its own, so that stop_services ends the server with anything it started; the
    # pid file is written from inside, since setsid may fork.
    AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing setsid sh -c 'echo $$ >"$1"; shift; exec "$@"' \
        sh "$RESUMAX_SVC_DIR/moto.pid" "$python" -m moto.server -H 127.0.0.1 -p "$port" \
        >"$RESUMAX_SVC_DIR/moto.log" 2>&1 </dev/null &
    _svc_wait 10 test -s "$RESUMAX_SVC_DIR/moto.pid" || { _svc_log "moto did not start"; return 1; }
    RESUMAX_SVC_MOTO_PID="$(cat "$RESUMAX_SVC_DIR/moto.pid")"
    _svc_wait 60 _svc_http_ok "http://127.0.0.1:$port/" || { _svc_log "moto does not answer"; cat "$RESUMAX_SVC_DIR/moto.log" >&2; return 1; }
    _svc_http_put "http://127.0.0.1:$port/$_SVC_BUCKET" || { _svc_log "cannot create the test bucket"; return 1; }
    export RESUMAX_TEST_S3_URL="s3://$_SVC_BUCKET?endpoint=http://127.0.0.1:$port&region=us-east-1"
    _svc_log "S3 (moto) on 127.0.0.1:$port, bucket $_SVC_BUCKET"
}

_svc_http_ok() {
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1"
}

_svc_http_put() {
    python3 -c 'import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1], method="PUT"), timeout=10)' "$1"
}

start_services() {
    if [[ -n "${RESUMAX_SVC_DIR:-}" ]]; then
        _svc_log "already started (call stop_services first)"
        return 1
    fi
    _svc_install || return 1
    RESUMAX_SVC_DIR="$(mktemp -d "${TMPDIR:-/tmp}/resumax-services.XXXXXX")" || return 1
    chmod 755 "$RESUMAX_SVC_DIR"
    # The S3 tests sign requests to moto; it accepts any credentials, so dummies do when none are set.
    export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-testing}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-testing}"
    export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
    if _svc_start_postgres && _svc_start_redis && _svc_start_moto; then
        export RESUMAX_REQUIRE_SERVICES=1
        return 0
    fi
    _svc_log "starting services failed; stopping what started"
    stop_services
    return 1
}

stop_services() {
    local status=0
    if [[ -n "${RESUMAX_SVC_MOTO_PID:-}" ]]; then
        kill -TERM -- "-$RESUMAX_SVC_MOTO_PID" 2>/dev/null || true
        _svc_wait 10 _svc_gone "$RESUMAX_SVC_MOTO_PID" || kill -KILL -- "-$RESUMAX_SVC_MOTO_PID" 2>/dev/null || true
        unset RESUMAX_SVC_MOTO_PID
    fi
    if [[ -n "${RESUMAX_SVC_REDIS_PORT:-}" ]]; then
        local pid=""
        [[ -f "$RESUMAX_SVC_DIR/redis.pid" ]] && pid="$(cat "$RESUMAX_SVC_DIR/redis.pid")"
        redis-cli -h 127.0.0.1 -p "$RESUMAX_SVC_REDIS_PORT" shutdown nosave >/dev/null 2>&1 ||
            { [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null; } || true
        if [[ -n "$pid" ]]; then
            _svc_wait 10 _svc_gone "$pid" || { kill -KILL "$pid" 2>/dev/null || true; }
        fi
        unset RESUMAX_SVC_REDIS_PORT
    fi
    if [[ -n "${RESUMAX_SVC_PG_DATA:-}" ]]; then
        if _svc_as_postgres "$RESUMAX_SVC_PG_BIN/pg_ctl" -D "$RESUMAX_SVC_PG_DATA" status >/dev/null 2>&1; then
            _svc_as_postgres "$RESUMAX_SVC_PG_BIN/pg_ctl" -D "$RESUMAX_SVC_PG_DATA" -m fast -w -t 30 stop \
                >/dev/null 2>&1 || status=1
        fi
        unset RESUMAX_SVC_PG_DATA RESUMAX_SVC_PG_BIN
    fi
    if [[ -n "${RESUMAX_SVC_DIR:-}" ]]; then
        rm -rf "$RESUMAX_SVC_DIR"
        unset RESUMAX_SVC_DIR
    fi
    unset RESUMAX_TEST_POSTGRES_URL RESUMAX_TEST_REDIS_URL RESUMAX_TEST_S3_URL RESUMAX_REQUIRE_SERVICES
    return "$status"
}

_svc_gone() { ! kill -0 "$1" 2>/dev/null; }
