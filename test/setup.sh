#!/usr/bin/env bash
# Installs what kolmetrics needs to build, test and demo on Debian 12 (PostgreSQL 15),
# builds the extension and installs it into the local PostgreSQL.  Idempotent: packages
# already present are not touched.  Needs root (or sudo) only when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PGV=${PGV:-15}
PKGS=(postgresql-$PGV postgresql-server-dev-$PGV postgresql-client-$PGV postgresql-common
      libjson-c-dev pkg-config gcc make libipc-run-perl clang-14 libclang-rt-14-dev
      sqlsmith)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"
	elif command -v sudo >/dev/null 2>&1; then sudo "$@"
	else
		echo "kolmetrics: '$*' needs root. Run this command again as root or with sudo." >&2
		exit 1
	fi
}

if [ ${#missing[@]} -gt 0 ]; then
	echo "kolmetrics: installing Debian packages: ${missing[*]}"
	if [ "$(id -u)" != 0 ] && ! sudo -n true 2>/dev/null; then
		echo "kolmetrics: these packages are missing and installing them needs root:" >&2
		echo "    sudo apt-get install ${missing[*]}" >&2
		echo "or run the command again with sudo." >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	as_root apt-get update -qq
	# A server package starts Debian's own cluster; kolmetrics never uses it.
	as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Build, and install into a private prefix (KM_DESTDIR, see test/pgtmp.sh) that the
# throwaway servers read through Debian's extension_destdir: no root needed, and
# the system's own PostgreSQL is left alone.  `sudo make install` installs for real.
. test/pgtmp.sh
make -s -j2 PG_CONFIG="$PG_CONFIG" >/dev/null
rm -rf "$KM_DESTDIR"
make -s install PG_CONFIG="$PG_CONFIG" DESTDIR="$KM_DESTDIR" >/dev/null
chmod -R a+rX "$KM_DESTDIR"
