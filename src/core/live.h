/*
 * live.h
 *	  Exact sums of live-stream sessions (doc/live.md; formulas in
 *	  doc/formulas.md): the core of live_summary.
 *
 * Money (GMV, refunded amount, ad spend, ad-attributed GMV) is exact fixed
 * point in units of 10^-10, as campaign_summary's (campaign.h: KmMoney,
 * km_money_from_numeric, km_money_format).  Counters are int64 sums, except
 * peak_viewers, which is a maximum.  A field that no row gave is absent (SQL
 * NULL), not zero.
 */
#ifndef KM_LIVE_H
#define KM_LIVE_H

#include "campaign.h"

/* The fields, in live_agg's argument order and the text form's order. */
typedef enum KmLiveField
{
	KM_LF_GMV = 0,
	KM_LF_PAID_ORDERS,
	KM_LF_BUYERS,
	KM_LF_PV,
	KM_LF_UV,
	KM_LF_WATCH_SECONDS,
	KM_LF_PEAK_VIEWERS,
	KM_LF_PRODUCT_EXPOSURES,
	KM_LF_PRODUCT_CLICKS,
	KM_LF_CREATED_ORDERS,
	KM_LF_REFUND_AMOUNT,
	KM_LF_REFUND_ORDERS,
	KM_LF_FOLLOWERS_GAINED,
	KM_LF_COMMENTS,
	KM_LF_LIKES,
	KM_LF_ROOM_EXPOSURES,
	KM_LF_AD_SPEND,
	KM_LF_AD_GMV,
	KM_LF_N
} KmLiveField;

/* live_agg's two forms: without and with (room_exposures, ad_spend, ad_gmv). */
#define KM_LIVE_NARGS_SHORT 15
#define KM_LIVE_NARGS_LONG KM_LF_N

#define KM_LIVE_NMONEY 4
#define KM_LIVE_NCOUNT 14

/* How a field is held: money sum, counter sum or counter maximum. */
typedef enum KmLiveKind
{
	KM_LK_MONEY,
	KM_LK_SUM,
	KM_LK_MAX
} KmLiveKind;

typedef struct KmLiveFieldInfo
{
	const char *name;			/* argument and text-form key */
	KmLiveKind	kind;
	uint8_t		slot;			/* index into money[] or count[] */
} KmLiveFieldInfo;

extern const KmLiveFieldInfo km_live_fields[KM_LF_N];

#define KM_LF_BIT(f) ((uint32_t) 1u << (f))
#define KM_LF_ALLBITS ((uint32_t) ((1u << KM_LF_N) - 1))

/*
 * A summary of live sessions.  present: one bit per field, set once a
 * non-NULL value was added.  dscale: the largest display scale of the money
 * values added (as sum(numeric)).
 */
typedef struct KmLive
{
	int64_t		sessions;
	uint32_t	present;
	uint8_t		dscale[KM_LIVE_NMONEY];
	km_i128		money[KM_LIVE_NMONEY];	/* units of 10^-10 */
	int64_t		count[KM_LIVE_NCOUNT];
} KmLive;

/* One session row: values by slot, present by field bit. */
typedef struct KmLiveRow
{
	uint32_t	present;
	KmMoney		money[KM_LIVE_NMONEY];
	int64_t		count[KM_LIVE_NCOUNT];
} KmLiveRow;

/* An empty summary. */
extern void km_live_init(KmLive *s);

/*
 * Check one session row (KM_EPARAM naming the values): nothing negative,
 * refund_amount <= gmv, paid_orders <= created_orders, refund_orders <=
 * paid_orders, buyers <= paid_orders, uv <= pv (each where both are given).
 */
extern KmCode km_live_check_row(const KmLiveRow *r, KmError *err);

/* Add a checked row; KM_ERANGE when a sum overflows (then *s must be discarded). */
extern KmCode km_live_add(KmLive *s, const KmLiveRow *r, KmError *err);

/* a += b (rollup, combine); KM_ERANGE on overflow, *a unchanged then. */
extern KmCode km_live_combine(KmLive *a, const KmLive *b, KmError *err);

/* Every invariant of a stored summary; code is KM_ESYNTAX or KM_EBINARY. */
extern KmCode km_live_check(const KmLive *s, KmCode code, KmError *err);

/*
 * Text form, version 1 (keys in field order, each value a decimal, money with
 * its display scale, or null):
 *   (v:1,sessions:N,gmv:M,paid_orders:C,...,ad_gmv:M)
 */
#define KM_LIVE_TEXT_MAX 1200
extern KmCode km_live_parse(const char *text, KmLive *out, KmError *err);
extern int	km_live_format(const KmLive *s, char *buf, size_t buflen);

/*
 * Stored / wire / serialised-state form, little-endian, KM_LIVE_PACKED_LEN bytes:
 *   uint8 version (1), uint8 dscale x 4 (gmv, refund_amount, ad_spend,
 *   ad_gmv), 3 reserved zero bytes, uint32 present, 4 reserved zero bytes,
 *   int64 sessions, int128 x 4 money (low 64 bits first), int64 x 14 counters
 *   (by slot).  Every valid summary has exactly one encoding.
 */
#define KM_LIVE_PACKED_LEN 200
#define KM_LIVE_VERSION 1
extern void km_live_pack(const KmLive *s, uint8_t out[KM_LIVE_PACKED_LEN]);
extern KmCode km_live_unpack(const uint8_t *data, size_t len, KmLive *out, KmError *err);

/* The ratios of a summary, each a ratio of sums (doc/live.md). */
typedef enum KmLiveRatio
{
	KM_LR_GPM,					/* gmv * 1000 / pv */
	KM_LR_PRODUCT_GPM,			/* gmv * 1000 / product_exposures */
	KM_LR_UV_VALUE,				/* gmv / uv */
	KM_LR_AOV,					/* gmv / buyers */
	KM_LR_REFUND_AMOUNT,		/* refund_amount / gmv */
	KM_LR_REFUND_ORDERS,		/* refund_orders / paid_orders */
	KM_LR_EXPOSURE_ENTRY,		/* uv / room_exposures */
	KM_LR_ENTRY_PRODUCT,		/* product_exposures / uv */
	KM_LR_PRODUCT_CLICK,		/* product_clicks / product_exposures */
	KM_LR_CLICK_ORDER,			/* created_orders / product_clicks */
	KM_LR_ORDER_PAY,			/* paid_orders / created_orders */
	KM_LR_ENTRY_PAY,			/* buyers / uv */
	KM_LR_LIVE_ROI,				/* gmv / ad_spend */
	KM_LR_AD_ROI,				/* ad_gmv / ad_spend */
	KM_LR_AVG_WATCH,			/* watch_seconds / uv */
	KM_LR_N
} KmLiveRatio;

/*
 * num * multiplier / den; defined is false (SQL NULL) when either field is
 * absent or the denominator is zero.
 */
typedef struct KmLiveRatioPlan
{
	bool		defined;
	KmLiveField num;
	KmLiveField den;
	int64_t		multiplier;
} KmLiveRatioPlan;

extern void km_live_ratio_plan(const KmLive *s, KmLiveRatio r, KmLiveRatioPlan *plan);

/* refund_rate's basis: 'amount' | 'orders'; KM_EPARAM otherwise. */
extern KmCode km_live_refund_basis(const char *name, KmLiveRatio *r, KmError *err);

#endif							/* KM_LIVE_H */
