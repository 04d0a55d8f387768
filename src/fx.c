/*
 * fx.c
 *	  fx_convert() and fx_rate_on() over the configuration tables
 *	  kolmetrics.fx_setting (base currency, largest age of a rate) and
 *	  kolmetrics.fx_rate (units of the base currency per unit of a currency).
 *
 * Each backend keeps a copy of what it has read, exactly as tier.c does: read
 * through SPI as the calling role with the calling query's snapshot, kept only
 * while the active snapshot is the same (km_snap_matches), dropped at every
 * transaction end and subtransaction abort.  So a statement sees the rates a
 * STABLE SQL function would see: every edit committed before it (READ
 * COMMITTED), its transaction's snapshot (REPEATABLE READ), never a rolled-back
 * edit.  The rates are read one currency at a time, when a call first needs
 * that currency, in day order: a statement converting a million rows reads
 * each currency it meets once, and each row costs two binary searches and the
 * exact numeric arithmetic.
 */
#include "km_pg.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "fx.h"

/* The largest scale fx_convert rounds to. */
#define FX_MAX_SCALE 30

/* The rates of one currency, by day. */
typedef struct FxSeries
{
	uint32		code;			/* km_fx_code */
	int			n;				/* 0: the currency has no rates */
	int64	   *days;			/* DateADT, strictly increasing */
	Numeric    *rates;			/* plain (4-byte header) copies */
} FxSeries;

typedef struct FxCache
{
	KmSnapStamp stamp;			/* the snapshot and user the copy was read with */
	MemoryContext cxt;			/* holds everything below */
	char	   *qnsp;			/* the extension's schema, quoted */
	uint32		base;			/* fx_setting.base_currency */
	int64		max_age;		/* fx_setting.max_age_days */
	int			nseries;
	int			capacity;
	FxSeries   *series;
} FxCache;

static FxCache cache;

/* 10^s and 10^-s for s = 0..FX_MAX_SCALE, built once. */
static Numeric pow10_pos[FX_MAX_SCALE + 1];
static Numeric pow10_neg[FX_MAX_SCALE + 1];

/* The code as text. */
static void
fx_code_str(uint32 code, char out[4])
{
	out[0] = (char) (code >> 16);
	out[1] = (char) (code >> 8);
	out[2] = (char) code;
	out[3] = '\0';
}

/* A day as YYYY-MM-DD, whatever DateStyle says. */
static char *
fx_day_str(int64 day)
{
	int			y,
				m,
				d;

	j2date((int) day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	return psprintf("%04d-%02d-%02d", y, m, d);
}

/* Argument argno as a currency code, or 22023 naming it. */
static uint32
fx_code_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	text	   *t = PG_GETARG_TEXT_PP(argno);
	uint32		code;

	if (!km_fx_code(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &code))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid currency code for %s: \"%s\"", what, text_to_cstring(t)),
				 errhint("Currency codes are ISO 4217 alphabetic codes: three capital letters such as CNY, USD or SGD.")));
	return code;
}

/* Fetch column col of row i of the SPI result, not NULL. */
static Datum
fx_spi_get(int i, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, col, &isnull);

	if (isnull)
		elog(ERROR, "kolmetrics: NULL in the fx configuration");
	return d;
}

/* (Re)read fx_setting into the copy, dropping every series; fn_oid locates the schema. */
static void
fx_cache_reset(Oid fn_oid)
{
	StringInfoData sql;
	char	   *base;
	char		code[4];

	if (cache.cxt == NULL)
		cache.cxt = AllocSetContextCreate(TopMemoryContext, "kolmetrics fx cache",
										  ALLOCSET_DEFAULT_SIZES);
	cache.stamp.valid = false;
	MemoryContextReset(cache.cxt);
	cache.nseries = cache.capacity = 0;
	cache.series = NULL;
	cache.qnsp = MemoryContextStrdup(cache.cxt,
									 quote_identifier(get_namespace_name(get_func_namespace(fn_oid))));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "kolmetrics: SPI_connect failed");
	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT base_currency::text, max_age_days FROM %s.fx_setting", cache.qnsp);
	km_spi_select(sql.data, 0, NULL, NULL, "kolmetrics.fx_setting");
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("kolmetrics.fx_setting must have one row, it has " UINT64_FORMAT,
						(uint64) SPI_processed),
				 errhint("INSERT INTO kolmetrics.fx_setting (base_currency, max_age_days) VALUES ('CNY', 10);")));
	base = TextDatumGetCString(fx_spi_get(0, 1));
	if (!km_fx_code(base, strlen(base), &cache.base))
		elog(ERROR, "kolmetrics: invalid base currency \"%s\" in fx_setting", base);
	cache.max_age = DatumGetInt32(fx_spi_get(0, 2));

	/* a stored rate of the base currency other than 1 contradicts the setting */
	resetStringInfo(&sql);
	appendStringInfo(&sql, "SELECT day, rate FROM %s.fx_rate "
					 "WHERE currency OPERATOR(pg_catalog.=) $1::pg_catalog.bpchar "
					 "AND rate OPERATOR(pg_catalog.<>) 1 ORDER BY day LIMIT 1", cache.qnsp);
	{
		Oid			argtype = TEXTOID;
		Datum		arg = CStringGetTextDatum(base);

		km_spi_select(sql.data, 1, &argtype, &arg, "kolmetrics.fx_rate");
	}
	if (SPI_processed > 0)
	{
		fx_code_str(cache.base, code);
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("kolmetrics.fx_rate has a rate of %s for the base currency %s on %s",
						SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2), code,
						fx_day_str(DatumGetDateADT(fx_spi_get(0, 1)))),
				 errdetail("Rates are units of the base currency (kolmetrics.fx_setting.base_currency) per unit: the base currency's own rate is 1."),
				 errhint("Delete the base currency's rows from kolmetrics.fx_rate, or set the base currency the rates are quoted in.")));
	}
	SPI_finish();
}

/* The series of code, read on first use in this snapshot. */
static FxSeries *
fx_series(uint32 code)
{
	FxSeries   *s;
	StringInfoData sql;
	char		str[4];
	Oid			argtype = TEXTOID;
	Datum		arg;
	MemoryContext old;

	for (int i = 0; i < cache.nseries; i++)
		if (cache.series[i].code == code)
			return &cache.series[i];

	if (cache.nseries == cache.capacity)
	{
		int			cap = cache.capacity ? 2 * cache.capacity : 8;
		FxSeries   *grown = MemoryContextAlloc(cache.cxt, sizeof(FxSeries) * cap);

		if (cache.nseries > 0)
			memcpy(grown, cache.series, sizeof(FxSeries) * cache.nseries);
		cache.series = grown;
		cache.capacity = cap;
	}

	fx_code_str(code, str);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "kolmetrics: SPI_connect failed");
	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT day, rate FROM %s.fx_rate "
					 "WHERE currency OPERATOR(pg_catalog.=) $1::pg_catalog.bpchar ORDER BY day",
					 cache.qnsp);
	arg = CStringGetTextDatum(str);
	km_spi_select(sql.data, 1, &argtype, &arg, "kolmetrics.fx_rate");

	old = MemoryContextSwitchTo(cache.cxt);
	s = &cache.series[cache.nseries];
	s->code = code;
	s->n = (int) SPI_processed;
	s->days = palloc(sizeof(int64) * (s->n + 1));
	s->rates = palloc(sizeof(Numeric) * (s->n + 1));
	for (int i = 0; i < s->n; i++)
	{
		s->days[i] = DatumGetDateADT(fx_spi_get(i, 1));
		s->rates[i] = DatumGetNumericCopy(fx_spi_get(i, 2));
	}
	MemoryContextSwitchTo(old);
	SPI_finish();
	cache.nseries++;
	return s;
}

/* The copy as the calling query's snapshot and role see it. */
static void
fx_cache(FunctionCallInfo fcinfo)
{
	Snapshot	snap = km_snap_active("the fx rates");

	km_snap_track(&cache.stamp);
	if (!km_snap_matches(&cache.stamp, snap))
	{
		fx_cache_reset(fcinfo->flinfo->fn_oid);
		km_snap_remember(&cache.stamp, cache.cxt, snap);
	}
}

/*
 * The rate of code on day: NULL for the base currency (1); 22023 naming the
 * pair (from->to, for the message) and the day when there is none.
 */
static Numeric
fx_rate(uint32 code, int64 day, uint32 from, uint32 to)
{
	FxSeries   *s;
	int			i;
	KmFxPick	pick;
	char		c[4],
				f[4],
				t[4],
				b[4];

	if (code == cache.base)
		return NULL;
	s = fx_series(code);
	pick = km_fx_pick(s->days, s->n, day, cache.max_age, &i);
	if (pick == KM_FX_FOUND)
		return s->rates[i];

	fx_code_str(code, c);
	fx_code_str(from, f);
	fx_code_str(to, t);
	fx_code_str(cache.base, b);
	if (s->n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown currency \"%s\"", c),
				 errdetail("kolmetrics.fx_rate has no rate of %s at all (the base currency is %s).",
						   c, b),
				 errhint("Add the rates of %s to kolmetrics.fx_rate, in units of the base currency per 1 %s.", c, c)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("no fx rate for %s->%s on %s", f, t, fx_day_str(day)),
			 pick == KM_FX_NONE_BEFORE ?
			 errdetail("The first rate of %s in kolmetrics.fx_rate is of %s.",
					   c, fx_day_str(s->days[0])) :
			 errdetail("The latest rate of %s on or before that day is of %s, " INT64_FORMAT " days earlier; kolmetrics.fx_setting.max_age_days is " INT64_FORMAT ".",
					   c, fx_day_str(s->days[i]), day - s->days[i], cache.max_age),
			 errhint("Add a rate of %s on or up to " INT64_FORMAT " days before %s to kolmetrics.fx_rate, or raise kolmetrics.fx_setting.max_age_days.",
					 c, cache.max_age, fx_day_str(day))));
	return NULL;				/* not reached */
}

/* 10^s (neg false) or 10^-s (neg true) as numeric, s in 0..FX_MAX_SCALE. */
static Numeric
fx_pow10(int s, bool neg)
{
	Numeric    *slot = neg ? &pow10_neg[s] : &pow10_pos[s];

	if (*slot == NULL)
	{
		char		buf[FX_MAX_SCALE + 4];
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		if (neg)
			snprintf(buf, sizeof(buf), "1e-%d", s);
		else
			snprintf(buf, sizeof(buf), "1e%d", s);
		*slot = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
													ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
		MemoryContextSwitchTo(old);
	}
	return *slot;
}

/* amount < 0? */
static bool
fx_negative(Numeric amount)
{
	static Numeric zero = NULL;

	if (zero == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		zero = int64_to_numeric(0);
		MemoryContextSwitchTo(old);
	}
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(amount),
											 NumericGetDatum(zero))) < 0;
}

/*
 * round(amount x rf / rt, scale), half away from zero, computed exactly: with
 * N = amount x rf x 10^scale (exact), Q = trunc(N / rt) and R = N - Q x rt (both
 * exact), the quotient lies |R| / rt beyond Q, so Q moves one away from zero
 * when 2|R| >= rt.  rf or rt NULL stands for 1 (the base currency).
 */
static Numeric
fx_apply(Numeric amount, Numeric rf, Numeric rt, int scale)
{
	Numeric		n = rf ? numeric_mul_opt_error(amount, rf, NULL) : amount;
	Numeric		q,
				r;

	if (rt == NULL)
		return DatumGetNumeric(DirectFunctionCall2(numeric_round, NumericGetDatum(n),
												   Int32GetDatum(scale)));
	n = numeric_mul_opt_error(n, fx_pow10(scale, false), NULL);
	q = DatumGetNumeric(DirectFunctionCall2(numeric_div_trunc, NumericGetDatum(n),
											NumericGetDatum(rt)));
	r = numeric_sub_opt_error(n, numeric_mul_opt_error(q, rt, NULL), NULL);
	r = DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(r)));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp,
										  NumericGetDatum(numeric_add_opt_error(r, r, NULL)),
										  NumericGetDatum(rt))) >= 0)
	{
		Numeric		one = fx_pow10(0, false);

		/* rf and rt are positive: N has the amount's sign */
		q = fx_negative(amount) ? numeric_sub_opt_error(q, one, NULL) :
			numeric_add_opt_error(q, one, NULL);
	}
	/* q has scale 0: the product has exactly scale decimals */
	return numeric_mul_opt_error(q, fx_pow10(scale, true), NULL);
}

/* The day argument, or 22023 when infinite. */
static int64
fx_day_arg(FunctionCallInfo fcinfo, int argno)
{
	DateADT		day = PG_GETARG_DATEADT(argno);

	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("on_day must be a finite date: %s", DATE_IS_NOBEGIN(day) ? "-infinity" : "infinity")));
	return day;
}

PG_FUNCTION_INFO_V1(km_fx_convert);

/*
 * fx_convert(amount, from, to, on_day, scale) = round(amount x rate(from, on_day)
 * / rate(to, on_day), scale), half away from zero; amount itself when from = to.
 */
Datum
km_fx_convert(PG_FUNCTION_ARGS)
{
	Numeric		amount = PG_GETARG_NUMERIC(0);
	uint32		from = fx_code_arg(fcinfo, 1, "from_currency");
	uint32		to = fx_code_arg(fcinfo, 2, "to_currency");
	int64		day = fx_day_arg(fcinfo, 3);
	int32		scale = PG_GETARG_INT32(4);
	Numeric		rf,
				rt;

	if (numeric_is_nan(amount) || numeric_is_inf(amount))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("amount must be a finite number: %s",
						DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(amount))))));
	if (scale < 0 || scale > FX_MAX_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale must be between 0 and %d: %d", FX_MAX_SCALE, scale)));
	if (from == to)
		PG_RETURN_NUMERIC(amount);
	fx_cache(fcinfo);
	rf = fx_rate(from, day, from, to);
	rt = fx_rate(to, day, from, to);
	PG_RETURN_NUMERIC(fx_apply(amount, rf, rt, scale));
}

PG_FUNCTION_INFO_V1(km_fx_rate_on);

/* fx_rate_on(currency, on_day): the rate fx_convert uses, 1 for the base currency. */
Datum
km_fx_rate_on(PG_FUNCTION_ARGS)
{
	uint32		code = fx_code_arg(fcinfo, 0, "currency");
	int64		day = fx_day_arg(fcinfo, 1);
	Numeric		r;

	fx_cache(fcinfo);
	r = fx_rate(code, day, code, cache.base);
	if (r == NULL)
		PG_RETURN_NUMERIC(fx_pow10(0, false));
	/* a copy: the cache may be reset while the result is still in use */
	PG_RETURN_NUMERIC(DatumGetNumericCopy(NumericGetDatum(r)));
}
