# shellcheck shell=bash
# scripts/lib/pg.sh — private PostgreSQL clusters for Banso's scripts and tests.
#
# Sourced by scripts/pg-cluster, scripts/test, scripts/run and scripts/bench.d/*.
# It only defines functions (and never changes the caller's shell options), so
# it is safe to source from a script running under `set -euo pipefail`.
#
# Cluster layout — DIR is a *cluster directory*, not the PostgreSQL data
# directory itself, so callers can keep their own files next to the data
# (scripts/run records there that the demo ran):
#
#   DIR/data/         PGDATA; its postgresql.conf holds the port, so a restart
#                     (or a later `start`) keeps the URL stable
#   DIR/log           server log (pg_ctl -l)
#   DIR/.s.PGSQL.N    Unix socket; it lives in DIR rather than /var/run so that
#                     two clusters never fight over a socket lock file
#
# Why an unprivileged user: PostgreSQL refuses to run as root. When we are
# root, initdb/pg_ctl run as `postgres` (created by the Debian package) or, if
# that user does not exist, a system user `banso-pg` that we create. When we
# are not root, everything runs as the current user.
#
# Messages go to stderr; functions that produce a value (pg_start, pg_url,
# pg_bindir, …) print only that value on stdout, so `url=$(pg_start DIR)` works.

# Refuse to be executed directly: it only makes sense sourced.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    echo "scripts/lib/pg.sh is a library; use scripts/pg-cluster" >&2
    exit 2
fi

PG_FALLBACK_USER=banso-pg

pg_log() { printf '%s\n' "$*" >&2; }
pg_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise
# (non-interactively, so CI fails fast instead of hanging on a password).
_pg_as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        pg_die "need root to run: $* (re-run as root, or install it yourself)"
    fi
}

# Installs Debian packages, quietly and without questions. `apt-get update`
# comes first because a fresh CI image has empty package lists (install alone
# fails with "Unable to locate package"). The dpkg lock timeout lets two
# scripts that install at the same time wait for each other instead of failing.
pg_apt_install() {
    command -v apt-get >/dev/null 2>&1 ||
        pg_die "missing $*, and this is not a Debian/Ubuntu system (no apt-get): install them by hand"
    pg_log "installing $* (apt-get)…"
    _pg_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get -qq -o DPkg::Lock::Timeout=300 update >&2 ||
        pg_die "apt-get update failed"
    _pg_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get -qq -y -o DPkg::Lock::Timeout=300 install --no-install-recommends "$@" >&2 ||
        pg_die "apt-get install $* failed"
}

# Directory holding initdb, pg_ctl, postgres, psql and pgbench. Debian keeps
# them off PATH under /usr/lib/postgresql/<major>/bin. `pg_config --bindir`
# names it, but pg_config comes from libpq-dev, whose major version can differ
# from the installed server's (e.g. a newer libpq from the PGDG repository), so
# if the binaries are not there we take the newest installed server instead.
# Prints nothing and returns 1 when there is no usable server.
pg_bindir() {
    local dir
    if [[ -n "${_PG_BINDIR:-}" ]]; then
        printf '%s\n' "$_PG_BINDIR"
        return 0
    fi
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        if _pg_bindir_complete "$dir"; then
            _PG_BINDIR=$dir
            printf '%s\n' "$dir"
            return 0
        fi
    fi
    # Newest major version first (sort -V orders 9.6 < 15 < 16 correctly).
    while IFS= read -r dir; do
        if _pg_bindir_complete "$dir"; then
            _PG_BINDIR=$dir
            printf '%s\n' "$dir"
            return 0
        fi
    done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -Vr)
    return 1
}

_pg_bindir_complete() {
    local dir=$1 tool
    [[ -n "$dir" && -d "$dir" ]] || return 1
    for tool in initdb pg_ctl postgres psql pgbench; do
        [[ -x "$dir/$tool" ]] || return 1
    done
}

# Installs postgresql + libpq-dev when pg_config (needed to build CLibPQ, with
# libpq's pkg-config file) or the server binaries are missing. Cheap when
# everything is there, so every entry point calls it.
pg_ensure_installed() {
    # zlib's headers: the pages' gzip (compress-nio) builds against the system zlib.
    [[ -f /usr/include/zlib.h ]] || pg_apt_install zlib1g-dev
    if command -v pg_config >/dev/null 2>&1 && pg_bindir >/dev/null; then
        return 0
    fi
    pg_apt_install postgresql libpq-dev
    unset _PG_BINDIR
    command -v pg_config >/dev/null 2>&1 || pg_die "pg_config still missing after installing libpq-dev"
    pg_bindir >/dev/null || pg_die "PostgreSQL server binaries still missing after installing postgresql"
}

# The OS user that owns and runs clusters (see the header).
pg_user() {
    if [[ $EUID -ne 0 ]]; then
        id -un
        return 0
    fi
    if id -u postgres >/dev/null 2>&1; then
        echo postgres
        return 0
    fi
    if ! id -u "$PG_FALLBACK_USER" >/dev/null 2>&1; then
        pg_log "creating system user $PG_FALLBACK_USER to run PostgreSQL (it refuses to run as root)"
        useradd --system --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$PG_FALLBACK_USER" >&2 ||
            pg_die "could not create system user $PG_FALLBACK_USER"
    fi
    echo "$PG_FALLBACK_USER"
}

# Runs a command as the cluster user. `runuser -u` runs the command without a
# login shell (so nologin users work) and sets HOME to the user's. The `cd /`
# matters: the caller's cwd may be under /root, which the user cannot enter,
# and initdb/pg_ctl fail when they cannot resolve their working directory.
pg_as_user() {
    local user
    user=$(pg_user) || return 1
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u "$user" -- "$@")
    else
        (cd / && "$@")
    fi
}

# True when the cluster user can traverse (enter) DIR.
pg_user_can_reach() {
    pg_as_user test -x "$1"
}

# The outermost directory on the way to PATH that the cluster user cannot
# enter (for messages such as "the checkout sits under /root"); PATH itself if
# every directory above it is open.
pg_first_unreachable() {
    local path prefix='' part
    path=$(pg_abspath "$1")
    local -a parts
    IFS=/ read -ra parts <<<"${path#/}"
    for part in "${parts[@]}"; do
        prefix="$prefix/$part"
        if ! pg_user_can_reach "$prefix"; then
            printf '%s\n' "$prefix"
            return 0
        fi
    done
    printf '%s\n' "$path"
}

# Absolute, normalised form of a path that may not exist yet. Needed because
# the server commands run from / (see pg_as_user), so a relative DIR would
# point elsewhere for them.
pg_abspath() {
    realpath -m -- "$1"
}

# Creates DIR (if needed) so that the cluster user owns it and can reach it.
# Fails with a clear message, before creating anything, when an existing parent
# directory is closed to that user (typically a path under /root).
pg_prepare_dir() {
    local dir user ancestor
    dir=$(pg_abspath "$1")
    user=$(pg_user) || return 1
    # DIR itself does not count (we chown it below; mktemp -d makes it 0700
    # root), but every directory above it must let the user through.
    ancestor=$(dirname -- "$dir")
    while [[ ! -e "$ancestor" ]]; do
        ancestor=$(dirname -- "$ancestor")
    done
    if ! pg_user_can_reach "$ancestor"; then
        pg_die "the PostgreSQL user '$user' cannot enter $ancestor, so it cannot use $dir;" \
            "choose a cluster directory it can reach (e.g. under /tmp or /var/lib), not under /root"
    fi
    if [[ -e "$dir" && ! -d "$dir" ]]; then
        pg_die "$dir exists and is not a directory"
    fi
    if [[ -d "$dir" ]] && ! _pg_is_cluster_dir "$dir"; then
        pg_die "$dir is not empty and holds no cluster; give an empty or new directory"
    fi
    if [[ ! -d "$dir" ]]; then
        # umask 022: intermediate directories we create must stay traversable.
        (umask 022 && mkdir -p -- "$dir") || pg_die "cannot create $dir"
    fi
    if [[ $EUID -eq 0 ]]; then
        chown -- "$user:" "$dir" || pg_die "cannot chown $dir to $user"
    fi
    # 0700: nobody else needs to look inside (clients use TCP).
    chmod 0700 -- "$dir" || pg_die "cannot chmod $dir"
    pg_as_user test -w "$dir" ||
        pg_die "the PostgreSQL user '$user' cannot write to $dir"
}

# True when DIR is empty, or holds a cluster or what a failed first start
# leaves (log, an empty data/), or scripts/pg-cluster's .lock. Guards against
# chown-ing or deleting a directory that is something else (say, /tmp).
_pg_is_cluster_dir() {
    local dir=$1 entry
    pg_has_cluster "$dir" && return 0
    for entry in "$dir"/* "$dir"/.[!.]* "$dir"/..?*; do
        [[ -e "$entry" || -L "$entry" ]] || continue   # unmatched glob
        case "${entry##*/}" in
            .lock|log|data) ;;
            *) return 1 ;;
        esac
    done
    return 0
}

# True when DIR holds an initialised cluster.
pg_has_cluster() {
    [[ -f "$1/data/PG_VERSION" ]]
}

# True when the cluster in DIR is running (pg_ctl status exits 0).
pg_running() {
    local dir bindir
    dir=$(pg_abspath "$1")
    pg_has_cluster "$dir" || return 1
    bindir=$(pg_bindir) || return 1
    pg_as_user "$bindir/pg_ctl" status -D "$dir/data" >/dev/null 2>&1
}

# Port recorded in DIR's postgresql.conf (the last `port = N` line wins, as it
# does for PostgreSQL itself).
pg_port() {
    local dir port
    dir=$(pg_abspath "$1")
    pg_has_cluster "$dir" || pg_die "no PostgreSQL cluster in $dir"
    port=$(sed -nE 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*([0-9]+).*/\1/p' \
        "$dir/data/postgresql.conf" | tail -n 1)
    [[ -n "$port" ]] || pg_die "no port set in $dir/data/postgresql.conf"
    printf '%s\n' "$port"
}

# libpq URL of the cluster in DIR.
pg_url() {
    local port
    port=$(pg_port "$1") || return 1
    printf 'postgres://postgres@127.0.0.1:%s/postgres\n' "$port"
}

# True when nothing accepts or holds PORT on 127.0.0.1.
_pg_port_free() {
    local port=$1
    if command -v python3 >/dev/null 2>&1; then
        # Binding is the real test: it also catches a port that is bound but
        # not (yet) listening. SO_REUSEADDR matches what PostgreSQL does, so a
        # port in TIME_WAIT counts as free, as it is for the server.
        python3 - "$port" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
    else
        # Without python3: a refused connection means nobody listens there.
        ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

# Prints a free TCP port on 127.0.0.1. Ports come from 20000–32767, below
# Linux's ephemeral range (32768–60999), so an outgoing connection cannot grab
# the port between our check and the server's bind. Random rather than
# sequential so parallel callers rarely collide (pg_start retries if they do).
pg_free_port() {
    local attempt port
    for attempt in $(seq 1 200); do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 12768))
        if _pg_port_free "$port"; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    pg_die "found no free TCP port on 127.0.0.1 after $attempt tries"
}

# Sets the port in DIR's postgresql.conf (rewriting our line, not appending,
# so the file does not grow on every change).
_pg_set_port() {
    local conf="$1/data/postgresql.conf" port=$2
    if grep -qE '^port = ' "$conf"; then
        pg_as_user sed -i -E "s/^port = .*/port = $port/" "$conf"
    else
        printf 'port = %s\n' "$port" | pg_as_user tee -a "$conf" >/dev/null
    fi
}

# initdb + our settings. The settings trade durability for speed (fsync and
# friends off): these clusters are for tests, benchmarks and local development,
# never for data anyone needs to survive a power cut.
_pg_init() {
    local dir=$1 port=$2 bindir socket_dirs out
    bindir=$(pg_bindir) || pg_die "PostgreSQL is not installed (run: scripts/pg-cluster ensure-installed)"
    pg_log "creating PostgreSQL cluster in $dir"
    # LC_ALL/LANG are reset because initdb validates the caller's locale even
    # when --locale is given, and CI images often set one that is not built.
    # --no-sync: nothing here is meant to survive a power cut (see above), and
    # tests that make their own clusters save the time. Its chatter is shown
    # only when it fails.
    if ! out=$(pg_as_user env LC_ALL=C.UTF-8 LANG=C.UTF-8 "$bindir/initdb" \
        -D "$dir/data" -E UTF8 --locale=C.UTF-8 -U postgres --auth=trust --no-sync 2>&1); then
        printf '%s\n' "$out" >&2
        pg_die "initdb failed in $dir/data"
    fi
    # A Unix socket path is limited to 107 bytes; with a deep DIR we go
    # TCP-only rather than fail (every client here uses 127.0.0.1 anyway).
    socket_dirs=$dir
    if (( ${#dir} + 16 > 107 )); then
        pg_log "note: $dir is too long for a Unix socket path; the cluster listens on TCP only"
        socket_dirs=
    fi
    pg_as_user tee -a "$dir/data/postgresql.conf" >/dev/null <<EOF

# --- added by scripts/lib/pg.sh (Banso test/dev cluster) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket_dirs'
fsync = off
synchronous_commit = off
full_page_writes = off
# Swift Testing runs every suite at once, each test with its own database and pool: hundreds of sessions.
max_connections = 1000
shared_buffers = 128MB
EOF
}

# Starts the cluster in DIR, creating it first if needed, and prints its URL.
# PORT (optional) pins the port; otherwise a new cluster gets a free one and an
# existing cluster keeps the one it has. Already running: just prints the URL.
pg_start() {
    local dir=$1 want_port=${2:-} bindir port attempt log_size new_port
    [[ -n "$dir" ]] || pg_die "pg_start: missing DIR"
    if [[ -n "$want_port" ]] && ! [[ "$want_port" =~ ^[0-9]+$ && "$want_port" -ge 1 && "$want_port" -le 65535 ]]; then
        pg_die "invalid port: $want_port"
    fi
    pg_ensure_installed
    bindir=$(pg_bindir)
    dir=$(pg_abspath "$dir")
    pg_prepare_dir "$dir"

    if ! pg_has_cluster "$dir"; then
        port=$want_port
        if [[ -z "$port" ]]; then
            port=$(pg_free_port) || return 1
        fi
        _pg_init "$dir" "$port"
    elif [[ -n "$want_port" && "$want_port" != "$(pg_port "$dir")" ]]; then
        if pg_running "$dir"; then
            pg_die "the cluster in $dir is running on port $(pg_port "$dir"); stop it before moving it to $want_port"
        fi
        _pg_set_port "$dir" "$want_port" || return 1
    fi

    if pg_running "$dir"; then
        pg_url "$dir"
        return 0
    fi

    # A port chosen by us can be taken by a parallel caller between the check
    # and the server's bind; then we pick another and try again. A port the
    # caller asked for is not ours to change, so that fails at once.
    for attempt in 1 2 3 4 5; do
        port=$(pg_port "$dir")
        # Only this attempt's part of the log counts (the file is appended to).
        log_size=$(stat -c %s "$dir/log" 2>/dev/null || echo 0)
        pg_log "starting PostgreSQL in $dir on port $port"
        if pg_as_user "$bindir/pg_ctl" start -s -D "$dir/data" -l "$dir/log" -w -t 120 >&2; then
            pg_url "$dir"
            return 0
        fi
        if [[ -z "$want_port" ]] &&
            tail -c "+$((log_size + 1))" "$dir/log" 2>/dev/null | grep -q 'could not bind\|Address already in use'; then
            new_port=$(pg_free_port) || return 1
            pg_log "port $port is taken; trying $new_port"
            _pg_set_port "$dir" "$new_port" || return 1
            continue
        fi
        break
    done
    pg_log "PostgreSQL failed to start in $dir; last lines of $dir/log:"
    tail -n 30 "$dir/log" >&2 2>/dev/null || true
    return 1
}

# Stops the cluster (fast shutdown: open sessions are disconnected). Not
# running, or no cluster at all, is not an error.
pg_stop() {
    local dir bindir
    dir=$(pg_abspath "$1")
    if ! pg_running "$dir"; then
        return 0
    fi
    bindir=$(pg_bindir)
    pg_as_user "$bindir/pg_ctl" stop -s -D "$dir/data" -m fast -w -t 120 >&2
}

# Simulates a crash: immediate shutdown (no checkpoint, clients cut off); the
# next start runs crash recovery. For tests of reconnection logic.
pg_kill() {
    local dir bindir
    dir=$(pg_abspath "$1")
    if ! pg_running "$dir"; then
        return 0
    fi
    bindir=$(pg_bindir)
    pg_as_user "$bindir/pg_ctl" stop -s -D "$dir/data" -m immediate -w -t 120 >&2
}

# Restarts (fast shutdown, then start); starts it if it was not running.
pg_restart() {
    local dir bindir
    dir=$(pg_abspath "$1")
    pg_has_cluster "$dir" || pg_die "no PostgreSQL cluster in $dir (use start)"
    bindir=$(pg_bindir) || pg_die "PostgreSQL is not installed"
    if ! pg_as_user "$bindir/pg_ctl" restart -s -D "$dir/data" -l "$dir/log" -m fast -w -t 120 >&2; then
        pg_log "PostgreSQL failed to restart in $dir; last lines of $dir/log:"
        tail -n 30 "$dir/log" >&2 2>/dev/null || true
        return 1
    fi
}

# Stops the cluster and deletes DIR with everything in it.
pg_destroy() {
    local dir
    dir=$(pg_abspath "$1")
    [[ -e "$dir" ]] || return 0
    # Refuse obviously wrong targets rather than rm -rf them.
    [[ "$dir" != / && "$dir" != "$HOME" ]] || pg_die "refusing to delete $dir"
    _pg_is_cluster_dir "$dir" || pg_die "$dir does not look like a cluster directory; not deleting it"
    pg_stop "$dir" || true
    rm -rf -- "$dir"
}
