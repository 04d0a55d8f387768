# kolmetrics: PGXS build.  `make`, `make install`, then CREATE EXTENSION kolmetrics.
# The README's two commands: `make demo` and `make test`; `make bench` for benchmarks.

EXTENSION  = kolmetrics
EXTVERSION = 1.1

# Debian keeps pg_config of each major under /usr/lib/postgresql/<major>/bin; the one on
# PATH (from libpq-dev) may be missing on a fresh machine.
PG_CONFIG ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)

MODULE_big = kolmetrics
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c src/core/*.c)))

# Install scripts, assembled from one fragment per concept, in name order:
#   kolmetrics--1.0.sql       sql/kolmetrics--1.0/*.sql: 1.0 as released, frozen (the
#                             upgrade test fails if a byte of it changes);
#   kolmetrics--1.0--1.1.sql  sql/kolmetrics--1.0--1.1/*.sql: everything new in 1.1;
#   kolmetrics--1.1.sql       the two above, in that order, so that a fresh 1.1 and an
#                             upgraded 1.0 are built from the same sources.
V10_PARTS = $(sort $(wildcard sql/$(EXTENSION)--1.0/*.sql))
# 86_text_lexicon.sql: the shipped text lexicon, generated from data/lexicon/ (whatever
# files are there when make runs; data/gen_lexicon.sh lists them).
TEXT_LEXICON = sql/$(EXTENSION)--1.0--1.1/86_text_lexicon.sql
V11_PARTS = $(sort $(wildcard sql/$(EXTENSION)--1.0--1.1/*.sql) $(TEXT_LEXICON))
DATA_built = sql/$(EXTENSION)--1.0.sql sql/$(EXTENSION)--1.0--1.1.sql sql/$(EXTENSION)--1.1.sql

# Every sql/<feature>.sql (other than install scripts) is a pg_regress test.
REGRESS = $(sort $(basename $(notdir $(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql)))))
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

# Every specs/<name>.spec is an isolation test (expected/<name>.out).
ISOLATION = $(sort $(basename $(notdir $(wildcard specs/*.spec))))
ISOLATION_OPTS = --inputdir=. --load-extension=$(EXTENSION)

JSONC_CFLAGS := $(shell pkg-config --cflags json-c 2>/dev/null)
JSONC_LIBS   := $(shell pkg-config --libs json-c 2>/dev/null || echo -ljson-c)

PG_CPPFLAGS = -Isrc -Isrc/core $(JSONC_CFLAGS)
# -Wextra's unused-parameter and sign-compare checks fire inside PostgreSQL's own
# headers (inline functions in ilist.h, bufpage.h, ...), so those two are off.
PG_CFLAGS = -std=gnu99 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare
SHLIB_LINK = $(JSONC_LIBS)

EXTRA_CLEAN = $(DATA_built) $(TEXT_LEXICON) test/build results regression.diffs regression.out output_iso

PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
else
# No server headers yet (a fresh machine): `make setup`, `make test` and `make demo`
# install them first; a plain build says what is missing.
all install installcheck:
	@echo "kolmetrics: $(PG_CONFIG) not found; run 'make setup' (Debian: postgresql-server-dev-15)" >&2; exit 1
endif

# PGXS tracks no header dependencies: rebuild every object when any header changes.
$(OBJS): $(wildcard src/*.h src/core/*.h)

$(TEXT_LEXICON): data/gen_lexicon.sh $(wildcard data/lexicon/*.tsv data/lexicon/*.txt)
	bash data/gen_lexicon.sh data/lexicon > $@.tmp && mv $@.tmp $@

sql/$(EXTENSION)--1.0.sql: $(V10_PARTS)
	cat $^ > $@
sql/$(EXTENSION)--1.0--1.1.sql: $(V11_PARTS)
	cat $^ > $@
sql/$(EXTENSION)--1.1.sql: $(V10_PARTS) $(V11_PARTS)
	cat $^ > $@

.PHONY: demo test bench fuzz soak setup sqlsmith
setup:
	@bash test/setup.sh
demo:
	@bash test/demo.sh
test:
	@bash test/run_tests.sh
bench:
	@bash test/bench/run.sh
fuzz:
	@bash test/fuzz/run.sh --seconds $${SECONDS_PER_HARNESS:-300}
soak:
	@bash test/soak/run.sh
sqlsmith:
	@bash test/sqlsmith.sh

# `make -s print-REGRESS`: the value of a variable (the test command lists its tests so).
print-%:
	@echo $($*)
