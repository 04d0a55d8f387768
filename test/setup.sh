#!/usr/bin/env bash
# Installs what kolmetrics needs to build, test and demo on Debian 12 (PostgreSQL 15),
# builds the extension and installs it into the local PostgreSQL.  Idempotent: packages
# already present are not touched.  Needs root (or sudo) only when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PGV=${PGV:-15}
PKGS=(postgresql-$PGV postgresql-server-dev-$PGV postgresql-client-$PGV postgresql-common
      libjson-c-dev pkg-config gcc make libipc-run-perl clang-14 libclang-rt-14-dev
      sqlsmith python3-psycopg2 libpostgresql-jdbc-java default-jdk-headless odbc-postgresql
      unixodbc python3-pyodbc python3-statsmodels libopencc-data opencc postgresql-$PGV-cron chromium)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ] && ! { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; then
		echo "kolmetrics: these Debian packages are missing: ${missing[*]}" >&2
		echo "Installing them needs root. As root, run:" >&2
		echo "    apt-get update && apt-get install -y ${missing[*]}" >&2
		echo "then run this command again." >&2
		exit 1
	fi
	SUDO=
	[ "$(id -u)" != 0 ] && SUDO=sudo
	echo "kolmetrics: installing Debian packages: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# A server package starts Debian's own cluster; kolmetrics never uses it.
	$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Build, and install into a private prefix (KM_DESTDIR, see test/pgtmp.sh) that the
# throwaway servers read through Debian's extension_destdir: no root needed, and
# the system's own PostgreSQL is left alone.  `sudo make install` installs for real.
. test/pgtmp.sh
make -s -j2 PG_CONFIG="$PG_CONFIG" >/dev/null
rm -rf "$KM_DESTDIR"
make -s install PG_CONFIG="$PG_CONFIG" DESTDIR="$KM_DESTDIR" >/dev/null
chmod -R a+rX "$KM_DESTDIR"
