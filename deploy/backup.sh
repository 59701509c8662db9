#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# backup.sh: back up a Comune instance (database and uploaded files) and keep
# the most recent N backups. Meant to be run from cron.
#
# This script is a stopgap: `comune backup DIR` (and `comune restore DIR`)
# will replace it once implemented. Prefer the built-in command when your
# version has it.
#
# Usage:
#   backup.sh [-e ENV_FILE] [BACKUP_DIR]
#
#   -e ENV_FILE  read settings from this file (the systemd EnvironmentFile,
#                e.g. /etc/comune/comune.env). Variables already set in the
#                environment take precedence over the file.
#   BACKUP_DIR   where to write backups; overrides the BACKUP_DIR variable.
#
# Settings (environment or ENV_FILE):
#   COMUNE_DATA_DIR       Comune's data directory (default ./data)
#   COMUNE_DATABASE_URL   postgres://... or sqlite://... (default
#                         sqlite://$COMUNE_DATA_DIR/comune.db); or
#                         COMUNE_DATABASE_URL_FILE, a file holding it
#   COMUNE_CONFIG         Comune's settings file, copied when set
#   BACKUP_DIR            where backups go (default /var/backups/comune)
#   BACKUP_KEEP           how many backups to keep (default 14)
#
# Each run creates BACKUP_DIR/comune-<UTC date and time>/ holding:
#   database.pgdump   PostgreSQL, pg_dump custom format (pg_restore reads it)
#   comune.db         SQLite, a consistent online copy (instead of the above)
#   uploads.tar.gz    the uploads folder, when there is one
#   <config file>     a copy of COMUNE_CONFIG, when set
#   SHA256SUMS        checksums of the files above
# The search index is not saved: it is rebuilt with `comune search reindex`.
#
# Run it as the user Comune runs as (e.g. `runuser -u comune -- backup.sh`),
# so that it can read the data directory and never leaves root-owned files
# next to a SQLite database. Example /etc/cron.d/comune-backup:
#   15 3 * * *  comune  /usr/local/lib/comune/backup.sh -e /etc/comune/comune.env
#
# Exit status: 0 on success, 1 on failure, 2 on wrong usage.

set -euo pipefail

prog=${0##*/}

log() { printf '%s %s: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$prog" "$*"; }
warn() { log "warning: $*" >&2; }
die() {
    log "error: $*" >&2
    exit 1
}
usage() {
    sed -n '/^# Usage:/,/^#   BACKUP_DIR /p' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-2}"
}

# Read NAME=value lines from a systemd-style environment file without
# executing it. Values already in the environment win.
load_env_file() {
    local file=$1 line key value n=0
    [[ -r $file ]] || die "cannot read settings file $file"
    while IFS= read -r line || [[ -n $line ]]; do
        n=$((n + 1))
        line=${line%$'\r'}
        [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
        if [[ ! $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
            warn "$file:$n: not a NAME=value line, ignored"
            continue
        fi
        key=${BASH_REMATCH[2]}
        value=${BASH_REMATCH[3]}
        if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then
            value=${BASH_REMATCH[1]}
        fi
        if [[ -z ${!key+set} ]]; then
            export "$key=$value"
        fi
    done <"$file"
}

# setting NAME DEFAULT: the value of NAME, else the contents of the file named
# by NAME_FILE, else DEFAULT.
setting() {
    local name=$1 default=${2-} file_var="${1}_FILE"
    if [[ -n ${!name-} ]]; then
        printf '%s' "${!name}"
    elif [[ -n ${!file_var-} ]]; then
        [[ -r ${!file_var} ]] || die "cannot read ${file_var}=${!file_var}"
        local value
        value=$(<"${!file_var}")
        printf '%s' "$value"
    else
        printf '%s' "$default"
    fi
}

# --- Arguments --------------------------------------------------------------

env_file=
while getopts ':e:h' opt; do
    case $opt in
        e) env_file=$OPTARG ;;
        h) usage 0 ;;
        :) log "error: -$OPTARG needs a value" >&2; usage 2 ;;
        *) log "error: unknown option -$OPTARG" >&2; usage 2 ;;
    esac
done
shift $((OPTIND - 1))
(($# <= 1)) || { log "error: too many arguments" >&2; usage 2; }

[[ -z $env_file ]] || load_env_file "$env_file"

data_dir=${COMUNE_DATA_DIR:-./data}
db_url=$(setting COMUNE_DATABASE_URL "sqlite://${data_dir}/comune.db")
backup_root=${1:-${BACKUP_DIR:-/var/backups/comune}}
keep=${BACKUP_KEEP:-14}

[[ $keep =~ ^[1-9][0-9]*$ ]] || die "BACKUP_KEEP must be a whole number of at least 1, not '$keep'"
# The SQLite shell takes the destination inside single quotes.
[[ $backup_root != *"'"* ]] || die "the backup directory must not contain a single quote"

# Backups hold personal data: nobody but the owner may read them.
umask 077

# --- Where this backup goes -------------------------------------------------

mkdir -p -- "$backup_root" || die "cannot create $backup_root"
[[ -w $backup_root ]] || die "cannot write to $backup_root"

# One backup at a time, even if cron starts a second run while one is slow.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$backup_root/.lock"
    flock -n 9 || die "another backup is already running in $backup_root"
else
    warn "flock not found: not protected against overlapping runs"
fi

# Leftovers of runs that died half-way are useless; remove them.
while IFS= read -r stale; do
    warn "removing incomplete backup $stale"
    rm -rf -- "$stale"
done < <(find "$backup_root" -mindepth 1 -maxdepth 1 -type d -name 'comune-*.partial' -print)

stamp=$(date -u +%Y%m%dT%H%M%SZ)
final="$backup_root/comune-$stamp"
work="$final.partial"
[[ ! -e $final ]] || die "$final already exists"

finished=false
on_exit() {
    local status=$?
    if [[ $finished != true ]]; then
        [[ -d $work ]] && rm -rf -- "$work"
        log "backup FAILED (nothing kept from this run)" >&2
        ((status != 0)) || status=1
    fi
    exit "$status"
}
trap on_exit EXIT

mkdir -- "$work"
log "backing up to $final"

# --- Database ---------------------------------------------------------------

backup_postgres() {
    local url=$1 dest="$work/database.pgdump"
    command -v pg_dump >/dev/null 2>&1 ||
        die "pg_dump not found: install the PostgreSQL client tools (same major version as the server, or newer)"

    # Keep the password off the command line, where other users could read it
    # in the process list: libpq takes it from PGPASSWORD instead.
    if [[ $url =~ ^(postgres(ql)?://)([^:@/]*):([^@/]*)@(.*)$ ]]; then
        local password=${BASH_REMATCH[4]}
        password=${password//\\/\\\\}
        password=${password//%/\\x}
        PGPASSWORD=$(printf '%b' "$password")
        export PGPASSWORD
        url="${BASH_REMATCH[1]}${BASH_REMATCH[3]}@${BASH_REMATCH[5]}"
    fi

    log "dumping PostgreSQL database (pg_dump --format=custom)"
    pg_dump --format=custom --file="$dest" --dbname="$url" ||
        die "pg_dump failed (see the message above)"
    unset PGPASSWORD

    if command -v pg_restore >/dev/null 2>&1; then
        pg_restore --list "$dest" >/dev/null || die "the dump in $dest cannot be read back"
    fi
}

backup_sqlite() {
    local url=$1 path dest="$work/comune.db"
    # The same reading as Comune's: everything after the scheme is the path.
    path=${url#sqlite://}
    path=${path#sqlite:}
    [[ -f $path ]] || die "SQLite database not found at $path (from COMUNE_DATABASE_URL or COMUNE_DATA_DIR)"

    # Opening the database as root could create its -wal and -shm files owned
    # by root, which Comune could then not open.
    if ((EUID == 0)); then
        local owner
        owner=$(stat -c %U -- "$path")
        [[ $owner == root ]] ||
            die "run this as $owner, the owner of $path (e.g. runuser -u $owner -- $0 ...), not as root"
    fi

    # Never copy the live file with cp: a copy taken during a write is
    # corrupt. SQLite's online backup takes a consistent snapshot.
    if command -v sqlite3 >/dev/null 2>&1; then
        log "copying SQLite database with sqlite3 .backup"
        sqlite3 -bail -cmd '.timeout 30000' "$path" ".backup '$dest'" ||
            die "sqlite3 .backup failed"
        # A self-contained file (no -wal needed), checked before it is kept.
        sqlite3 -bail "$dest" 'PRAGMA journal_mode=DELETE;' >/dev/null ||
            die "cannot finalise the copy $dest"
        local check
        check=$(sqlite3 -bail "$dest" 'PRAGMA integrity_check;') ||
            die "cannot check the copy $dest"
        [[ $check == ok ]] || die "integrity check of the copy failed: $check"
    elif command -v python3 >/dev/null 2>&1; then
        log "sqlite3 not found; copying SQLite database with Python's sqlite3 backup"
        python3 - "$path" "$dest" <<'PYTHON' || die "Python SQLite backup failed"
import sqlite3, sys
source = sqlite3.connect(sys.argv[1], timeout=30)
copy = sqlite3.connect(sys.argv[2])
source.backup(copy)
source.close()
copy.execute("PRAGMA journal_mode=DELETE")
result = copy.execute("PRAGMA integrity_check").fetchone()[0]
copy.close()
if result != "ok":
    sys.exit("integrity check of the copy failed: " + result)
PYTHON
    else
        die "neither sqlite3 nor python3 is installed: install sqlite3 (apt-get install sqlite3); the live database file must not be copied with cp"
    fi
}

case $db_url in
    postgres://* | postgresql://*) backup_postgres "$db_url" ;;
    sqlite:*) backup_sqlite "$db_url" ;;
    *) die "unsupported COMUNE_DATABASE_URL: use sqlite://PATH or postgres://..." ;;
esac

# --- Uploads ----------------------------------------------------------------

uploads="$data_dir/uploads"
if [[ -d $uploads ]]; then
    log "archiving $uploads"
    status=0
    tar -C "$data_dir" -czf "$work/uploads.tar.gz" uploads || status=$?
    case $status in
        0) ;;
        1) warn "some uploads changed while they were archived; the archive holds the version read" ;;
        *) die "tar failed on $uploads (exit status $status)" ;;
    esac
else
    log "no uploads folder at $uploads; skipped"
fi

# --- Settings file ----------------------------------------------------------

if [[ -n ${COMUNE_CONFIG-} ]]; then
    if [[ -f $COMUNE_CONFIG ]]; then
        cp -p -- "$COMUNE_CONFIG" "$work/" || die "cannot copy $COMUNE_CONFIG"
    else
        warn "COMUNE_CONFIG=$COMUNE_CONFIG is not a file; not copied"
    fi
fi

# --- Seal, publish, rotate --------------------------------------------------

if command -v sha256sum >/dev/null 2>&1; then
    sums=$(cd -- "$work" && find . -maxdepth 1 -type f -printf '%P\0' | sort -z | xargs -0 -r sha256sum --) ||
        die "cannot compute checksums"
    printf '%s\n' "$sums" >"$work/SHA256SUMS" || die "cannot write checksums"
fi

mv -- "$work" "$final" || die "cannot move $work to $final"
finished=true
log "backup complete: $final ($(du -sh -- "$final" | cut -f1))"

mapfile -t backups < <(find "$backup_root" -mindepth 1 -maxdepth 1 -type d -name 'comune-[0-9]*Z' -print | sort)
if ((${#backups[@]} > keep)); then
    for old in "${backups[@]:0:${#backups[@]}-keep}"; do
        rm -rf -- "$old" || die "cannot remove old backup $old"
        log "removed old backup $old"
    done
fi
log "keeping the newest $keep backup(s) in $backup_root"
