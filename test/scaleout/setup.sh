# Scale-out recipe (doc/scale-out.md): N shard servers and one coordinator, kolmetrics in
# each, the tables of tables.sql hash-partitioned by kol_id on the coordinator into
# postgres_fdw foreign tables on the shards.  Sourced by test/scripts/scaleout.sh and
# test/bench/bench_scaleout.sh; every server is a throwaway one (test/pgtmp.sh) on this
# machine, but the SQL files are the same for servers on other hosts.
#   scaleout_start N [conf lines...]   starts N shards and the coordinator, builds the schema;
#                                      sets SO_COORD (connection options of the coordinator)
#                                      and SO_SHARD[1..N] (those of each shard)
#   so_coord ARGS...                   psql on the coordinator
#   so_shard I ARGS...                 psql on shard I
#   scaleout_refresh SINCE             refresh.sql on every shard, in parallel
#   scaleout_stop                      stops every server it started (call it from a trap)
SO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$SO_DIR/../pgtmp.sh"
SO_PGTMPS=()
SO_SHARD=()
SO_COORD=

# so_server: starts one throwaway server and prints its psql connection options
so_server() {
	pgtmp_start "$@" >&2 || return 1
	SO_PGTMPS+=("$PGTMP")
	SO_LAST="-h $PGHOST -p $PGPORT -U postgres -d postgres"
}

so_psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
so_coord() { so_psql $SO_COORD "$@"; }
so_shard() { local i=$1; shift; so_psql ${SO_SHARD[$i]} "$@"; }

scaleout_start() {
	local n=$1 i host port
	shift
	SO_N=$n
	for i in $(seq 1 "$n"); do
		so_server "$@" || return 1
		SO_SHARD[$i]=$SO_LAST
		# 1. each shard: the extension and plain tables
		so_shard "$i" -v partition_by= -f "$SO_DIR/shard.sql" || return 1
	done
	so_server "$@" || return 1
	SO_COORD=$SO_LAST
	# 2. the coordinator: the extension, postgres_fdw, partitioned tables
	so_coord -v partition_by='PARTITION BY HASH (kol_id)' -f "$SO_DIR/coordinator.sql" || return 1
	# 3. one foreign server, user mapping and set of partitions per shard
	for i in $(seq 1 "$n"); do
		read -r _ host _ port _ <<<"${SO_SHARD[$i]}"
		so_coord -v shard="$i" -v shards="$n" -v host="$host" -v port="$port" \
			-v dbname=postgres -v user=postgres -f "$SO_DIR/add_shard.sql" || return 1
	done
}

scaleout_refresh() {
	local i pids=() rc=0
	for i in $(seq 1 "$SO_N"); do
		so_shard "$i" -v since="$1" -f "$SO_DIR/refresh.sql" & pids+=($!)
	done
	for i in "${pids[@]}"; do wait "$i" || rc=1; done
	return $rc
}

scaleout_stop() {
	local d
	for d in "${SO_PGTMPS[@]}"; do PGTMP=$d pgtmp_stop; done
	SO_PGTMPS=()
}
