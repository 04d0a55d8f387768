/*
 * attribution.h
 *	  Conversion attribution (doc/attribution.md, formulas in doc/formulas.md):
 *	  the rule-based models (last touch, first touch, linear, time decay,
 *	  position based) that split one conversion's value over its touchpoints
 *	  exactly, and the first-order Markov-chain removal effect over paths
 *	  (Anderl, Becker, von Wangenheim and Schumann 2016).  Plain C, no
 *	  postgres.h.
 */
#ifndef KM_ATTRIBUTION_H
#define KM_ATTRIBUTION_H

#include "campaign.h"

/* The rule-based models. */
typedef enum KmAttrModel
{
	KM_AM_LAST_TOUCH = 0,
	KM_AM_FIRST_TOUCH,
	KM_AM_LINEAR,
	KM_AM_TIME_DECAY,
	KM_AM_POSITION,
	KM_AM_N
} KmAttrModel;

extern const char *const km_attr_model_names[KM_AM_N];

/* "last_touch, first_touch, linear, time_decay, position" (for hints). */
#define KM_ATTR_MODEL_LIST "last_touch, first_touch, linear, time_decay, position"

/* Most touchpoints one conversion may have (KM_ELIMIT beyond). */
#define KM_ATTR_MAX_TOUCHES 1000000

/* Time-decay weights are held as integers of this many bits (2^40 = latest). */
#define KM_ATTR_DECAY_BITS 40

/* The model of a name; KM_EPARAM naming it otherwise. */
extern KmCode km_attr_model(const char *name, KmAttrModel *m, KmError *err);

/* One touchpoint: time in microseconds, index in the caller's arrays. */
typedef struct KmTouch
{
	int64_t		t;
	int32_t		index;
} KmTouch;

/* Sort touchpoints by time, then by index (a stable, total order). */
extern void km_attr_sort(KmTouch *t, size_t n);

/*
 * Integer weights w[0..n-1] of n >= 1 touchpoints sorted by time that
 * converted at conv_t (every t <= conv_t), and each one's share of the
 * conversion (w / sum w).  half_life_us > 0 (time decay); shares[3] are the
 * position shares in units of 10^-10 adding up to 10^10 (position).
 *   last / first touch: 1 for the last / first touchpoint, 0 otherwise;
 *   linear: 1 each;
 *   time decay: round(2^40 * 2^(-(t_last - t_i) / half_life)), which is
 *     proportional to 2^(-(conv_t - t_i) / half_life);
 *   position: one touchpoint 1; two: first and last share s_first : s_last
 *     (1 : 1 when both are 0); n >= 3 with m = n - 2 middle ones: first
 *     s_first * m, each middle s_middle, last s_last * m.
 */
extern void km_attr_weights(KmAttrModel m, const KmTouch *t, size_t n,
							double half_life_us, const int64_t shares[3],
							uint64_t *w, double *share);

/*
 * Split total (>= 0, in indivisible units) over n >= 1 weights (sum > 0)
 * exactly, by the largest-remainder method: each gets the floor of its
 * quota total * w_i / sum w, and the units left over (fewer than n) go one
 * each to the largest remainders, ties to the later position.  out[i] sums
 * to total.  order holds n size_t of scratch.  The weights of
 * km_attr_weights keep every product below 2^127.
 */
extern void km_attr_apportion(km_i128 total, const uint64_t *w, size_t n,
							  km_i128 *out, size_t *order, km_i128 *rem);

/* ------------------------------------------------------------- Markov */

/* Most channels of a Markov model (KM_ELIMIT beyond). */
#define KM_MARKOV_MAX_CHANNELS 250

/*
 * Transition counts of the paths seen: states start (0), channels 1..k,
 * conversion and null.  trans[from * stride + to] counts from (0..k) to a
 * channel (1..k); to_conv / to_null count the ends of the paths.
 * value is the exact sum of the converting paths' values.
 */
typedef struct KmMarkov
{
	KmAlloc		a;
	int32_t		nch;
	int32_t		cap;			/* channels room; stride = cap + 1 */
	char	  **name;			/* [cap + 1], name[1..nch], NUL-terminated */
	uint32_t   *namelen;
	int32_t    *slot;			/* open addressing: channel id or 0 */
	uint32_t	nslot;			/* power of 2, > 2 * cap */
	int64_t    *trans;			/* (cap + 1) x (cap + 1) */
	int64_t    *to_conv;		/* [cap + 1] */
	int64_t    *to_null;		/* [cap + 1] */
	int64_t		paths;
	int64_t		conversions;
	bool		has_value;
	uint8_t		dscale;
	km_i128		value;			/* units of 10^-10 */
} KmMarkov;

/* An empty model; KM_ENOMEM when the allocator fails. */
extern KmCode km_markov_init(KmMarkov *m, KmAlloc a, KmError *err);

/* The id (1..k) of a channel, added when new; KM_ELIMIT past the maximum. */
extern KmCode km_markov_channel(KmMarkov *m, const char *name, size_t len,
								int32_t *id, KmError *err);

/*
 * Count one path of channel ids (from km_markov_channel), converting or
 * not; value (when has_value) is added for a converting path.  KM_ERANGE
 * when a count or the value sum overflows.
 */
extern KmCode km_markov_add(KmMarkov *m, const int32_t *ids, size_t n, bool converted,
							bool has_value, const KmMoney *value, KmError *err);

/* a += b (parallel combine).  Errors as km_markov_add. */
extern KmCode km_markov_combine(KmMarkov *a, const KmMarkov *b, KmError *err);

/*
 * Serialised form (the aggregate's parallel state), little-endian:
 *   u8 version (1), u8 has_value, u8 dscale, u8 reserved (0), u32 channels,
 *   i64 paths, i64 conversions, i64 value low, i64 value high,
 *   per channel: u32 length, the bytes;
 *   u32 entries, per entry: u32 from (0..k), u32 to (1..k+1 = conversion,
 *   k+2 = null), i64 count > 0, in increasing (from, to) order.
 * km_markov_read checks everything: the counts leaving the start add up to
 * paths, those reaching conversion to conversions, every channel is left as
 * often as it is entered, names are distinct (KM_EBINARY otherwise).
 */
#define KM_MARKOV_VERSION 1
extern size_t km_markov_size(const KmMarkov *m);
extern void km_markov_write(const KmMarkov *m, uint8_t *out);
extern KmCode km_markov_read(const uint8_t *data, size_t len, KmMarkov *m, KmError *err);

/*
 * The channels in byte order of their names (order[0..k-1] = ids), the
 * conversion probability from the start, and for each channel (in that
 * order) its removal effect 1 - P(conversion without it) / P(conversion),
 * clamped to [0, 1] against rounding.  *p_conv = 0 (no conversion): every
 * effect is NaN (SQL NULL).  work holds km_markov_work_size(k) doubles.
 */
extern size_t km_markov_work_size(int32_t k);
extern void km_markov_effects(const KmMarkov *m, int32_t *order, double *p_conv,
							  double *effect, double *work);

/* Free a model's memory. */
extern void km_markov_free(KmMarkov *m);

#endif							/* KM_ATTRIBUTION_H */
