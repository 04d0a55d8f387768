/*
 * campaign.h
 *	  Exact campaign economics (doc/campaign.md; formulas in doc/formulas.md).
 *
 * Money (revenue, cost) is held as a 128-bit fixed-point integer counting
 * units of 10^-10 (KM_CAMP_SCALE decimal places).  A value is accepted only
 * when it is representable exactly: at most 10 non-zero decimal places and
 * at most (2^127 - 1) / 10^10 = 17014118346046923173168730371.5884105727 in
 * magnitude.  Nothing is ever rounded; sums that leave the range are
 * reported (KM_ERANGE), never wrapped.  Counters are int64, overflow is
 * KM_ERANGE.  Negative money or counters are KM_EPARAM.
 */
#ifndef KM_CAMPAIGN_H
#define KM_CAMPAIGN_H

#include "km_core.h"

/*
 * 8-byte alignment, as PostgreSQL's own int128 (c.h): palloc only guarantees
 * MAXALIGN (8), and the compiler may otherwise use 16-byte aligned moves.
 */
typedef __int128 km_i128 __attribute__((aligned(8)));

#define KM_CAMP_SCALE 10		/* decimal places held for money */
#define KM_CAMP_NMONEY 2
#define KM_CAMP_NCOUNTERS 5

/* The seven summed fields, in argument and text-format order. */
typedef enum KmCampField
{
	KM_CF_REVENUE = 0,
	KM_CF_COST,
	KM_CF_IMPRESSIONS,
	KM_CF_VIEWS,
	KM_CF_ENGAGEMENTS,
	KM_CF_CLICKS,
	KM_CF_CONVERSIONS,
	KM_CF_N
} KmCampField;

extern const char *const km_camp_field_names[KM_CF_N];

/* Bit of KmCampaign.present for a field; bit 7 is reserved (must be 0). */
#define KM_CF_BIT(f) ((uint8_t) (1u << (f)))
#define KM_CF_ALLBITS ((uint8_t) 0x7F)

/*
 * A campaign summary: row count, money sums, counter sums.  present has one
 * bit per field: set once a non-NULL value of that field was added (an
 * absent field reads as SQL NULL, like sum() over only NULLs).  dscale is the
 * display scale of each money sum: the largest display scale of the values
 * added (capped at KM_CAMP_SCALE), as PostgreSQL's sum(numeric) does.
 */
typedef struct KmCampaign
{
	int64_t		rows;
	uint8_t		present;
	uint8_t		dscale[KM_CAMP_NMONEY];
	km_i128		money[KM_CAMP_NMONEY];	/* units of 10^-10 */
	int64_t		counters[KM_CAMP_NCOUNTERS];
} KmCampaign;

/* One exact money value. */
typedef struct KmMoney
{
	km_i128		units;			/* units of 10^-10 */
	uint8_t		dscale;			/* display scale, 0..KM_CAMP_SCALE */
} KmMoney;

/* Why a numeric could not become a KmMoney. */
typedef enum KmMoneyStatus
{
	KM_MONEY_OK = 0,
	KM_MONEY_NEGATIVE,
	KM_MONEY_NAN,
	KM_MONEY_INFINITE,
	KM_MONEY_TOO_PRECISE,		/* a non-zero digit beyond 10 decimal places */
	KM_MONEY_TOO_LARGE,
	KM_MONEY_MALFORMED			/* not a PostgreSQL numeric at all */
} KmMoneyStatus;

/* 10^0 .. 10^18 */
extern const int64_t km_camp_pow10[19];

/* Largest accepted money value / sum, in units. */
#define KM_MONEY_MAX ((km_i128) (((unsigned __int128) 1 << 127) - 1))

/*
 * Decode a PostgreSQL numeric from its stored bytes (the varlena payload,
 * after the length header; native byte order) into exact units.  Negative
 * values are decoded (status KM_MONEY_NEGATIVE, *out holds the value) so the
 * caller can name them.
 */
extern KmMoneyStatus km_money_from_numeric(const uint8_t *data, size_t len,
										   KmMoney *out);

/* Fill err for a bad money argument named `what` whose text is `shown`. */
extern KmCode km_money_error(KmMoneyStatus st, const char *what,
							 const char *shown, KmError *err);

/*
 * Write units as a decimal with exactly dscale (0..10) decimals; the value
 * must have no non-zero digits beyond dscale.  Returns the length, or -1 if
 * buf (at least 48 bytes is always enough) is too small.
 */
#define KM_MONEY_BUFLEN 48
extern int	km_money_format(km_i128 units, int dscale, char *buf, size_t buflen);

/* An empty summary (no rows). */
extern void km_campaign_init(KmCampaign *s);

/*
 * Add one input row.  money_present / counter_present false = SQL NULL, the
 * field adds nothing.  Errors: KM_EPARAM for a negative counter or money
 * value (naming it), KM_ERANGE when a sum overflows.  On error *s may be
 * partly updated and must be discarded, as an aggregate's state is.
 */
extern KmCode km_campaign_add_row(KmCampaign *s,
								  const KmMoney money[KM_CAMP_NMONEY],
								  const bool money_present[KM_CAMP_NMONEY],
								  const int64_t counters[KM_CAMP_NCOUNTERS],
								  const bool counter_present[KM_CAMP_NCOUNTERS],
								  KmError *err);

/* a += b (rollup / combine).  KM_ERANGE on overflow; *a unchanged then. */
extern KmCode km_campaign_combine(KmCampaign *a, const KmCampaign *b, KmError *err);

/* Check every invariant of a summary (used on decoded text and binary). */
extern KmCode km_campaign_check(const KmCampaign *s, KmCode code, KmError *err);

/* True when both summaries hold the same fields (the text forms are equal). */
extern bool km_campaign_equal(const KmCampaign *a, const KmCampaign *b);

/*
 * Text form, version 1:
 *   v1 rows=N revenue=M cost=M impressions=C views=C engagements=C clicks=C conversions=C
 * M is a decimal with the display scale as its number of decimals, C an
 * integer, either may be the word null (field absent).  Parsing is strict
 * about keys and order, tolerant of extra blanks.
 */
#define KM_CAMP_TEXT_MAX 512
extern KmCode km_campaign_parse(const char *text, KmCampaign *out, KmError *err);
extern int	km_campaign_format(const KmCampaign *s, char *buf, size_t buflen);

/*
 * Binary (wire / serialised state) form, big-endian, KM_CAMP_WIRE_LEN bytes:
 *   uint8 version (1), uint8 present, uint8 revenue dscale, uint8 cost dscale,
 *   uint32 reserved (0), int64 rows, int128 revenue (high then low 64 bits),
 *   int128 cost, int64 x 5 counters.
 */
#define KM_CAMP_WIRE_LEN 88
#define KM_CAMP_VERSION 1
extern void km_campaign_to_wire(const KmCampaign *s, uint8_t out[KM_CAMP_WIRE_LEN]);
extern KmCode km_campaign_from_wire(const uint8_t *data, size_t len,
									KmCampaign *out, KmError *err);

/* The ratios of a summary, all "ratio of sums" (doc/formulas.md). */
typedef enum KmRatio
{
	KM_R_ROI,					/* (revenue - cost) / cost */
	KM_R_ROAS,					/* revenue / cost */
	KM_R_CPM,					/* cost * 1000 / impressions */
	KM_R_CPV,					/* cost / views */
	KM_R_CPE,					/* cost / engagements */
	KM_R_CPC,					/* cost / clicks */
	KM_R_CPA,					/* cost / conversions */
	KM_R_CONV_CLICKS,			/* conversions / clicks */
	KM_R_CONV_VIEWS,			/* conversions / views */
	KM_R_CONV_IMPRESSIONS		/* conversions / impressions */
} KmRatio;

/*
 * How to evaluate a ratio on a summary: numerator field (times multiplier,
 * minus the denominator when num_minus_den) over denominator field.
 * defined is false (SQL NULL) when either field is absent or the
 * denominator sum is zero.
 */
typedef struct KmRatioPlan
{
	bool		defined;
	KmCampField num;
	KmCampField den;
	bool		num_minus_den;
	int64_t		multiplier;
} KmRatioPlan;

extern void km_campaign_ratio_plan(const KmCampaign *s, KmRatio r, KmRatioPlan *plan);

/* 'clicks' | 'views' | 'impressions' -> ratio; KM_EPARAM otherwise. */
extern KmCode km_conversion_denominator(const char *name, KmRatio *r, KmError *err);

#endif							/* KM_CAMPAIGN_H */
