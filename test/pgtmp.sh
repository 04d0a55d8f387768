# Sourced by the demo, test, bench and soak commands: a throwaway PostgreSQL server of our
# own in a temporary directory, on a free port, never the system cluster, never run as root.
#   pgtmp_start [extra postgresql.conf lines...]   sets PGHOST PGPORT PGUSER PGDATABASE PGTMP
#   pgtmp_stop                                     stops it and removes its directory
PGV=${PGV:-15}
PGBIN=/usr/lib/postgresql/$PGV/bin
PG_CONFIG=${PG_CONFIG:-$PGBIN/pg_config}
export PG_CONFIG
# Where setup.sh installs this checkout's build (one prefix per checkout, outside it so
# the server's user can read it wherever the checkout lives).
KM_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KM_DESTDIR=${KM_DESTDIR:-/tmp/kolmetrics-install-$(id -u)-$(printf '%s' "$KM_TOP" | cksum | cut -d' ' -f1)}
export KM_DESTDIR

# Run a command as the server's owner: postgres when we are root.  From /, since
# postgres may not enter the caller's directory (root's home, say); every path passed
# here is absolute.
pgtmp_as_owner() {
	if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pgtmp_free_port() {
	local p
	for p in $(shuf -i 20000-60000 -n 50); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && [ ! -e "/tmp/.s.PGSQL.$p" ]; then
			echo "$p"; return 0
		fi
	done
	echo "kolmetrics: no free port found" >&2
	return 1
}

pgtmp_start() {
	PGTMP=$(mktemp -d /tmp/kolmetrics-pg.XXXXXX)
	chmod 755 "$PGTMP"
	[ "$(id -u)" = 0 ] && chown postgres: "$PGTMP"
	PGPORT=$(pgtmp_free_port)
	pgtmp_as_owner "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 \
		--locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 ||
		{ cat "$PGTMP/initdb.log" >&2; return 1; }
	{
		echo "listen_addresses = ''"
		echo "unix_socket_directories = '$PGTMP'"
		echo "port = $PGPORT"
		echo "fsync = off"
		echo "shared_buffers = 512MB"
		echo "max_parallel_workers_per_gather = 2"
		echo "extension_destdir = '$KM_DESTDIR'"
		local l
		for l in "$@"; do echo "$l"; done
	} | pgtmp_as_owner tee -a "$PGTMP/data/postgresql.conf" >/dev/null
	pgtmp_as_owner "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 start >/dev/null ||
		{ cat "$PGTMP/server.log" >&2; return 1; }
	export PGHOST=$PGTMP PGPORT PGUSER=postgres PGDATABASE=postgres PGTMP
}

pgtmp_stop() {
	[ -n "${PGTMP:-}" ] && [ -d "$PGTMP/data" ] || return 0
	pgtmp_as_owner "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$PGTMP"
	PGTMP=
}

# For scripted tests: pgtmp_script_begin NAME makes SCRATCH, a directory the server may
# write into, removed on exit, and uses the server in PGHOST/PGPORT when it answers (the
# test command's), else starts one of our own and stops it on exit.
pgtmp_script_begin() {
	SCRATCH=$(mktemp -d "/tmp/kolmetrics-$1.XXXXXX")
	chmod 777 "$SCRATCH"
	PGTMP_OWN=0
	trap 'rm -rf "$SCRATCH"; [ $PGTMP_OWN = 1 ] && pgtmp_stop' EXIT
	if ! "$PGBIN/psql" -X -Atqc 'SELECT 1' >/dev/null 2>&1; then
		bash test/setup.sh >/dev/null || { echo "Bail out! setup failed"; exit 1; }
		pgtmp_start || { echo "Bail out! no server"; exit 1; }
		PGTMP_OWN=1
	fi
}
