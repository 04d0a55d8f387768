/*
 * auth.c
 *	  authenticity_summary (auth.h): the counters of a KOL's posts and the
 *	  post signals read from them (doc/authenticity.md, doc/formulas.md).
 *
 *	  interactions = likes + comments + shares + saves (NULL counters absent);
 *	  ER by followers = exp(mean ln((interactions + 1) / followers)) over posts
 *	  with followers (a geometric mean: one hit post does not carry it); ER
 *	  by views likewise; likes per comment = sum likes / sum
 *	  comments; its spread = sample sd of ln((likes + 1) / (comments + 1));
 *	  CV = sample sd / mean of interactions; peak = largest / mean
 *	  interactions; near-zero share = posts with ER by followers under 0.1%
 *	  (without followers: under 10 interactions) / posts;
 *	  Benford MAD = mean over d = 1..9 of |share of first digit d -
 *	  log10(1 + 1/d)| (Nigrini 2012), scaled by sqrt(N / 100) for N digits; hour concentration = the mean resultant
 *	  length R of the posting hours on the 24-hour circle times sqrt(n)
 *	  (Rayleigh's statistic; Mardia and Jupp 2000).
 */
#include "auth.h"

#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

const char *const km_auth_counter_names[KM_AUTH_NCOUNTERS] = {
	"likes", "comments", "shares", "saves", "views"
};

#define F(name, kind, count, member) {name, kind, count, offsetof(KmAuth, member)}
static const KmFlatField auth_fields[] = {
	F("n", KM_FLAT_I64, 1, n),
	F("n_i", KM_FLAT_I64, 1, n_i),
	F("i_sum", KM_FLAT_I64, 1, i_sum),
	F("i_sq", KM_FLAT_F64, 1, i_sq),
	F("low", KM_FLAT_I64, 1, low),
	F("n_f", KM_FLAT_I64, 1, n_f),
	F("i_f", KM_FLAT_I64, 1, i_f),
	F("f_sum", KM_FLAT_I64, 1, f_sum),
	F("lf_sum", KM_FLAT_F64, 1, lf_sum),
	F("n_v", KM_FLAT_I64, 1, n_v),
	F("i_v", KM_FLAT_I64, 1, i_v),
	F("v_sum", KM_FLAT_I64, 1, v_sum),
	F("lv_sum", KM_FLAT_F64, 1, lv_sum),
	F("n_lc", KM_FLAT_I64, 1, n_lc),
	F("lc_likes", KM_FLAT_I64, 1, lc_likes),
	F("lc_comments", KM_FLAT_I64, 1, lc_comments),
	F("lr_sum", KM_FLAT_F64, 1, lr_sum),
	F("lr_sq", KM_FLAT_F64, 1, lr_sq),
	F("n_t", KM_FLAT_I64, 1, n_t),
	F("peak_i", KM_FLAT_I64, 1, peak_i),
	F("peak_at", KM_FLAT_I64, 1, peak_at),
	F("t_first", KM_FLAT_I64, 1, t_first),
	F("t_last", KM_FLAT_I64, 1, t_last),
	F("hours", KM_FLAT_I64, 24, hours),
	F("digits_likes", KM_FLAT_I64, 9, digits[0]),
	F("digits_comments", KM_FLAT_I64, 9, digits[1]),
	F("digits_shares", KM_FLAT_I64, 9, digits[2]),
	F("digits_saves", KM_FLAT_I64, 9, digits[3]),
	F("digits_views", KM_FLAT_I64, 9, digits[4]),
	F("min", KM_FLAT_I64, KM_AUTH_NCOUNTERS, cmin),
	F("max", KM_FLAT_I64, KM_AUTH_NCOUNTERS, cmax),
};
#undef F

const KmFlatType km_auth_type = {
	"authenticity_summary", 1, auth_fields, sizeof(auth_fields) / sizeof(auth_fields[0])
};

/*
 * The signals: name, report label, suspicious side, log scale, cohort bins
 * (first edge, width), floor of the robust sd, fewest inputs and what they are.
 */
const KmSignalInfo km_signal_info[KM_SIG_COUNT] = {
	{"er_followers", "geometric mean engagement rate by followers", KM_SIDE_LOW, true, -5.0, 0.05, 0.1, 3, "posts with followers"},
	{"er_views", "geometric mean engagement rate by views", KM_SIDE_BOTH, true, -5.0, 0.05, 0.1, 3, "posts with views"},
	{"likes_per_comment", "likes per comment", KM_SIDE_BOTH, true, -1.2, 0.05, 0.1, 3, "posts with likes and comments"},
	{"like_comment_spread", "spread of ln(likes per comment) across posts", KM_SIDE_HIGH, false, 0.0, 0.025, 0.1, 5, "posts with likes and comments"},
	{"interaction_cv", "coefficient of variation of interactions", KM_SIDE_LOW, false, 0.0, 0.05, 0.1, 5, "posts"},
	{"peak_to_mean", "largest post's interactions per mean post", KM_SIDE_HIGH, true, -0.4, 0.025, 0.1, 5, "dated posts"},
	{"near_zero_share", "share of posts with an ER by followers under 0.1%", KM_SIDE_HIGH, false, 0.0, 0.0079, 0.05, 5, "posts"},
	{"benford_mad", "Benford mean absolute deviation of first digits (scaled to 100 values)", KM_SIDE_HIGH, false, 0.0, 0.002, 0.01, 100, "non-zero counter values"},
	{"hour_concentration", "concentration of posting hours (Rayleigh sqrt(n) R)", KM_SIDE_HIGH, false, 0.0, 0.03, 0.2, 10, "dated posts"},
	{"duplicate_share", "share of plain comments whose text occurs 3 times or more", KM_SIDE_HIGH, false, 0.0, 0.0079, 0.05, 20, "comments with a text"},
	{"emoji_share", "share of emoji- or emote-only comments", KM_SIDE_HIGH, false, 0.0, 0.0079, 0.05, 20, "comments with a text"},
	{"generic_share", "share of generic comments (+1, 沙发, nice, 打卡)", KM_SIDE_HIGH, false, 0.0, 0.0079, 0.05, 20, "comments with a text"},
	{"authors_per_comment", "distinct authors per comment", KM_SIDE_LOW, false, 0.0, 0.0079, 0.1, 20, "comments with an author"},
	{"author_concentration", "comments per effective author", KM_SIDE_HIGH, true, 0.0, 0.025, 0.1, 20, "comments with an author"},
	{"comment_burst_share", "share of comments in 10-second bursts of 5 or more", KM_SIDE_HIGH, false, 0.0, 0.0079, 0.05, 20, "comments with a time"},
	{"follower_jump", "follower jump", KM_SIDE_HIGH, false, 0, 0, 0, 5, "follower snapshots"},
	{"follower_purge", "follower drop after a jump", KM_SIDE_HIGH, false, 0, 0, 0, 5, "follower snapshots"},
};

/* Benford's first-digit probabilities log10(1 + 1/d), d = 1..9. */
static const double benford_p[9] = {
	0.30102999566398120, 0.17609125905568124, 0.12493873660829995,
	0.09691001300805642, 0.07918124604762482, 0.06694678963061322,
	0.05799194697768673, 0.05115252244738129, 0.04575749056067514
};

static const int64_t pow10_tab[19] = {
	INT64_C(1), INT64_C(10), INT64_C(100), INT64_C(1000), INT64_C(10000), INT64_C(100000),
	INT64_C(1000000), INT64_C(10000000), INT64_C(100000000), INT64_C(1000000000),
	INT64_C(10000000000), INT64_C(100000000000), INT64_C(1000000000000),
	INT64_C(10000000000000), INT64_C(100000000000000), INT64_C(1000000000000000),
	INT64_C(10000000000000000), INT64_C(100000000000000000), INT64_C(1000000000000000000)
};

/* First decimal digit of v > 0 (the bit length gives log10 within one). */
static inline int
first_digit(int64_t v)
{
	int			bits = 64 - __builtin_clzll((unsigned long long) v);
	int			t = (bits * 1233) >> 12;

	if (v < pow10_tab[t])
		t--;
	return (int) (v / pow10_tab[t]);
}

/* An empty summary. */
void
km_auth_init(KmAuth *a)
{
	memset(a, 0, sizeof(*a));
}

/* a += b, KM_ERANGE naming what overflowed. */
static inline KmCode
add_checked(int64_t *a, int64_t b, const char *what, KmError *err)
{
	if (km_add_i64_overflow(*a, b, a))
		return km_fail_msg(err, KM_ERANGE, "authenticity_summary %s is out of range for type bigint", what);
	return KM_OK;
}

/* The hour of day (UTC) of a time in microseconds since 2000-01-01 (a midnight). */
static inline int
hour_of_day(int64_t at)
{
	int64_t		r = at % INT64_C(86400000000);

	if (r < 0)
		r += INT64_C(86400000000);
	return (int) (r / INT64_C(3600000000));
}

/* Add one post (see the file header for what each counter feeds). */
KmCode
km_auth_add(KmAuth *a, const KmAuthPost *p, KmError *err)
{
	int64_t		inter = 0;
	bool		has_i = false;
	int			k;

	for (k = 0; k < KM_AUTH_NCOUNTERS; k++)
		if (p->has[k] && p->c[k] < 0)
			return km_fail_msg(err, KM_EPARAM, "%s must not be negative: %" PRId64,
							   km_auth_counter_names[k], p->c[k]);
	if (p->has_followers && p->followers < 0)
		return km_fail_msg(err, KM_EPARAM, "followers must not be negative: %" PRId64, p->followers);
	for (k = 0; k < 4; k++)
		if (p->has[k])
		{
			if (km_add_i64_overflow(inter, p->c[k], &inter))
				return km_fail_msg(err, KM_ERANGE, "interactions of a post are out of range for type bigint");
			has_i = true;
		}
	if (add_checked(&a->n, 1, "post count", err) != KM_OK)
		return err->code;
	for (k = 0; k < KM_AUTH_NCOUNTERS; k++)
	{
		int64_t		v = p->c[k];

		if (!p->has[k] || v == 0)
			continue;
		a->digits[k][first_digit(v) - 1]++;
		if (a->cmin[k] == 0 || v < a->cmin[k])
			a->cmin[k] = v;
		if (v > a->cmax[k])
			a->cmax[k] = v;
	}
	if (!has_i)
		return KM_OK;
	a->n_i++;
	if (add_checked(&a->i_sum, inter, "interactions", err) != KM_OK)
		return err->code;
	a->i_sq += (double) inter * (double) inter;
	if (p->has_followers && p->followers > 0
		? (double) inter < KM_AUTH_NEAR_ZERO_ER * (double) p->followers
		: inter < KM_AUTH_NEAR_ZERO)
		a->low++;
	if (p->has_followers && p->followers > 0)
	{
		a->n_f++;
		if (add_checked(&a->i_f, inter, "interactions", err) != KM_OK ||
			add_checked(&a->f_sum, p->followers, "followers", err) != KM_OK)
			return err->code;
		a->lf_sum += log(((double) inter + 1) / (double) p->followers);
	}
	if (p->has[4] && p->c[4] > 0)
	{
		a->n_v++;
		if (add_checked(&a->i_v, inter, "interactions", err) != KM_OK ||
			add_checked(&a->v_sum, p->c[4], "views", err) != KM_OK)
			return err->code;
		a->lv_sum += log(((double) inter + 1) / (double) p->c[4]);
	}
	if (p->has[0] && p->has[1])
	{
		double		lr = log(((double) p->c[0] + 1.0) / ((double) p->c[1] + 1.0));

		a->n_lc++;
		if (add_checked(&a->lc_likes, p->c[0], "likes", err) != KM_OK ||
			add_checked(&a->lc_comments, p->c[1], "comments", err) != KM_OK)
			return err->code;
		a->lr_sum += lr;
		a->lr_sq += lr * lr;
	}
	if (p->has_at)
	{
		if (a->n_t == 0 || p->at < a->t_first)
			a->t_first = p->at;
		if (a->n_t == 0 || p->at > a->t_last)
			a->t_last = p->at;
		if (a->n_t == 0 || inter > a->peak_i || (inter == a->peak_i && p->at < a->peak_at))
		{
			a->peak_i = inter;
			a->peak_at = p->at;
		}
		a->n_t++;
		a->hours[hour_of_day(p->at)]++;
	}
	return KM_OK;
}

/* d += s: sums add, extremes combine (the earliest time among equal peaks). */
KmCode
km_auth_merge(KmAuth *d, const KmAuth *s, KmError *err)
{
	int			k,
				j;

	if (s->n == 0)
		return KM_OK;
	if (add_checked(&d->n, s->n, "post count", err) != KM_OK ||
		add_checked(&d->n_i, s->n_i, "post count", err) != KM_OK ||
		add_checked(&d->i_sum, s->i_sum, "interactions", err) != KM_OK ||
		add_checked(&d->low, s->low, "post count", err) != KM_OK ||
		add_checked(&d->n_f, s->n_f, "post count", err) != KM_OK ||
		add_checked(&d->i_f, s->i_f, "interactions", err) != KM_OK ||
		add_checked(&d->f_sum, s->f_sum, "followers", err) != KM_OK ||
		add_checked(&d->n_v, s->n_v, "post count", err) != KM_OK ||
		add_checked(&d->i_v, s->i_v, "interactions", err) != KM_OK ||
		add_checked(&d->v_sum, s->v_sum, "views", err) != KM_OK ||
		add_checked(&d->n_lc, s->n_lc, "post count", err) != KM_OK ||
		add_checked(&d->lc_likes, s->lc_likes, "likes", err) != KM_OK ||
		add_checked(&d->lc_comments, s->lc_comments, "comments", err) != KM_OK)
		return err->code;
	d->i_sq += s->i_sq;
	d->lf_sum += s->lf_sum;
	d->lv_sum += s->lv_sum;
	d->lr_sum += s->lr_sum;
	d->lr_sq += s->lr_sq;
	if (!isfinite(d->i_sq))
		return km_fail_msg(err, KM_ERANGE, "authenticity_summary sum of squares is out of range");
	for (k = 0; k < KM_AUTH_NCOUNTERS; k++)
	{
		for (j = 0; j < 9; j++)
			if (add_checked(&d->digits[k][j], s->digits[k][j], "digit count", err) != KM_OK)
				return err->code;
		if (s->cmin[k] > 0 && (d->cmin[k] == 0 || s->cmin[k] < d->cmin[k]))
			d->cmin[k] = s->cmin[k];
		if (s->cmax[k] > d->cmax[k])
			d->cmax[k] = s->cmax[k];
	}
	if (s->n_t > 0)
	{
		if (d->n_t == 0 || s->t_first < d->t_first)
			d->t_first = s->t_first;
		if (d->n_t == 0 || s->t_last > d->t_last)
			d->t_last = s->t_last;
		if (d->n_t == 0 || s->peak_i > d->peak_i ||
			(s->peak_i == d->peak_i && s->peak_at < d->peak_at))
		{
			d->peak_i = s->peak_i;
			d->peak_at = s->peak_at;
		}
		if (add_checked(&d->n_t, s->n_t, "post count", err) != KM_OK)
			return err->code;
		for (j = 0; j < 24; j++)
			if (add_checked(&d->hours[j], s->hours[j], "hour count", err) != KM_OK)
				return err->code;
	}
	return KM_OK;
}

/* timestamptz's range in microseconds since 2000-01-01 (4714-11-24 BC .. 294276 AD). */
#define KM_MIN_AT (INT64_C(-211813488000000000))
#define KM_MAX_AT (INT64_C(9223371331199999999))

/* Every invariant of a summary read from text or bytes. */
KmCode
km_auth_validate(const KmAuth *a, KmCode code, KmError *err)
{
	const int64_t *counts[] = {&a->n, &a->n_i, &a->i_sum, &a->low, &a->n_f, &a->i_f, &a->f_sum,
	&a->n_v, &a->i_v, &a->v_sum, &a->n_lc, &a->lc_likes, &a->lc_comments, &a->n_t, &a->peak_i};
	int64_t		sum;
	int			k,
				j;

	for (k = 0; k < (int) (sizeof(counts) / sizeof(counts[0])); k++)
		if (*counts[k] < 0)
			return km_fail(err, code, "Counts and sums must not be negative.");
	if (a->n_i > a->n || a->n_lc > a->n || a->n_t > a->n_i || a->n_f > a->n_i || a->n_v > a->n_i ||
		a->low > a->n_i)
		return km_fail(err, code, "Post counts must not exceed the posts they are part of.");
	if (a->i_f > a->i_sum || a->i_v > a->i_sum || a->peak_i > a->i_sum)
		return km_fail(err, code, "Interactions of a subset of posts must not exceed all interactions.");
	if (a->f_sum < a->n_f || a->v_sum < a->n_v ||
		(a->n_f == 0 && (a->i_f || a->f_sum || a->lf_sum != 0)) ||
		(a->n_v == 0 && (a->i_v || a->v_sum || a->lv_sum != 0)))
		return km_fail(err, code, "Followers and views must be positive on every post counted with them.");
	if (a->n_i == 0 && (a->i_sum || a->i_sq != 0))
		return km_fail(err, code, "Interactions without posts.");
	if (a->i_sq < 0 || a->lr_sq < 0 || (a->n_lc == 0 && (a->lc_likes || a->lc_comments ||
													  a->lr_sum != 0 || a->lr_sq != 0)))
		return km_fail(err, code, "Sums of squares must not be negative, and sums need posts.");
	if (a->lr_sum * a->lr_sum > (double) a->n_lc * a->lr_sq * (1 + 1e-9) + 1e-9)
		return km_fail(err, code, "The sum of squares of ln(likes per comment) is smaller than its sum allows.");
	sum = 0;
	for (j = 0; j < 24; j++)
	{
		if (a->hours[j] < 0 || km_add_i64_overflow(sum, a->hours[j], &sum))
			return km_fail(err, code, "Hour counts must not be negative.");
	}
	if (sum != a->n_t)
		return km_fail(err, code, "Hour counts must add up to n_t (%" PRId64 "), got %" PRId64 ".", a->n_t, sum);
	if (a->n_t == 0 && (a->t_first || a->t_last || a->peak_at || a->peak_i))
		return km_fail(err, code, "Times and the peak need dated posts.");
	if (a->n_t > 0 && (a->t_first > a->t_last || a->peak_at < a->t_first || a->peak_at > a->t_last ||
					   a->t_first < KM_MIN_AT || a->t_last > KM_MAX_AT))
		return km_fail(err, code, "Times must be in range, first <= peak <= last.");
	for (k = 0; k < KM_AUTH_NCOUNTERS; k++)
	{
		sum = 0;
		for (j = 0; j < 9; j++)
			if (a->digits[k][j] < 0 || km_add_i64_overflow(sum, a->digits[k][j], &sum))
				return km_fail(err, code, "Digit counts of %s must not be negative.", km_auth_counter_names[k]);
		if (sum > a->n)
			return km_fail(err, code, "Digit counts of %s add up to more than the posts.", km_auth_counter_names[k]);
		if (sum == 0 ? (a->cmin[k] != 0 || a->cmax[k] != 0)
			: (a->cmin[k] < 1 || a->cmin[k] > a->cmax[k] ||
			   a->digits[k][first_digit(a->cmin[k]) - 1] == 0 ||
			   a->digits[k][first_digit(a->cmax[k]) - 1] == 0))
			return km_fail(err, code, "Smallest and largest %s must agree with its digit counts.",
						   km_auth_counter_names[k]);
	}
	return KM_OK;
}

/* Set the missing-signal outputs; false. */
static bool
missing(int64_t have_v, int64_t need_v, int64_t *have, int64_t *need, const char *w, const char **why)
{
	*have = have_v;
	*need = need_v;
	*why = w;
	return false;
}

/* One post signal in its transformed scale (see KmSignal). */
bool
km_auth_signal(const KmAuth *a, KmSignal s, double *x, int64_t *have, int64_t *need,
			   const char **why)
{
	const KmSignalInfo *info = &km_signal_info[s];
	double		mean,
				var;
	int64_t		total,
				lo,
				hi;
	int			k,
				j;

	*have = *need = 0;
	*why = NULL;
	switch (s)
	{
		case KM_SIG_ER_FOLLOWERS:
			if (a->n_f < info->min_n)
				return missing(a->n_f, info->min_n, have, need, NULL, why);
			*x = a->lf_sum / (double) a->n_f / M_LN10;
			return true;
		case KM_SIG_ER_VIEWS:
			if (a->n_v < info->min_n)
				return missing(a->n_v, info->min_n, have, need, NULL, why);
			*x = a->lv_sum / (double) a->n_v / M_LN10;
			return true;
		case KM_SIG_LIKES_PER_COMMENT:
			if (a->n_lc < info->min_n)
				return missing(a->n_lc, info->min_n, have, need, NULL, why);
			*x = log10(((double) a->lc_likes + 1) / ((double) a->lc_comments + 1));
			return true;
		case KM_SIG_LC_SPREAD:
			if (a->n_lc < info->min_n)
				return missing(a->n_lc, info->min_n, have, need, NULL, why);
			var = (a->lr_sq - a->lr_sum * a->lr_sum / (double) a->n_lc) / (double) (a->n_lc - 1);
			*x = var > 0 ? sqrt(var) : 0;
			return true;
		case KM_SIG_CV:
		case KM_SIG_NEAR_ZERO:
		case KM_SIG_PEAK:
			if ((s == KM_SIG_PEAK ? a->n_t : a->n_i) < info->min_n)
				return missing(s == KM_SIG_PEAK ? a->n_t : a->n_i, info->min_n, have, need, NULL, why);
			if (s == KM_SIG_NEAR_ZERO)
			{
				*x = (double) a->low / (double) a->n_i;
				return true;
			}
			if (a->i_sum == 0)
				return missing(0, 1, have, need, "no post has an interaction", why);
			mean = (double) a->i_sum / (double) a->n_i;
			if (s == KM_SIG_PEAK)
			{
				*x = log10((double) (a->peak_i > 0 ? a->peak_i : 1) / mean);
				return true;
			}
			var = (a->i_sq - (double) a->n_i * mean * mean) / (double) (a->n_i - 1);
			*x = var > 0 ? sqrt(var) / mean : 0;
			return true;
		case KM_SIG_BENFORD:
			{
				int64_t		cnt[9] = {0};
				double		mad = 0;

				total = 0;
				lo = 0;
				hi = 0;
				for (k = 0; k < KM_AUTH_NCOUNTERS; k++)
				{
					for (j = 0; j < 9; j++)
					{
						cnt[j] += a->digits[k][j];
						total += a->digits[k][j];
					}
					if (a->cmin[k] > 0 && (lo == 0 || a->cmin[k] < lo))
						lo = a->cmin[k];
					if (a->cmax[k] > hi)
						hi = a->cmax[k];
				}
				if (total < info->min_n)
					return missing(total, info->min_n, have, need, NULL, why);
				if ((double) hi < 100.0 * (double) lo)
					return missing(total, info->min_n, have, need,
								   "counts span less than two orders of magnitude", why);
				for (j = 0; j < 9; j++)
					mad += fabs((double) cnt[j] / (double) total - benford_p[j]);
				/* scaled to 100 values: a conforming sample's MAD falls as 1 / sqrt(N) */
				*x = mad / 9 * sqrt((double) total / 100.0);
				return true;
			}
		case KM_SIG_HOURS:
			{
				double		c = 0,
							sn = 0;

				if (a->n_t < info->min_n)
					return missing(a->n_t, info->min_n, have, need, NULL, why);
				for (j = 0; j < 24; j++)
				{
					double		th = 2 * M_PI * (j + 0.5) / 24;

					c += (double) a->hours[j] * cos(th);
					sn += (double) a->hours[j] * sin(th);
				}
				/* Rayleigh: sqrt(n) R has one distribution for every n when hours are uniform */
				*x = sqrt(c * c + sn * sn) / sqrt((double) a->n_t);
				return true;
			}
		default:
			return false;
	}
}

/* A signal in its natural unit. */
double
km_signal_natural(KmSignal s, double x)
{
	return km_signal_info[s].logscale ? pow(10, x) : x;
}

/* (z - Z0) / (Z1 - Z0) clamped to [0, 1]. */
double
km_suspicion(double z)
{
	double		s = (z - KM_SUSP_Z0) / (KM_SUSP_Z1 - KM_SUSP_Z0);

	return s < 0 ? 0 : (s > 1 ? 1 : s);
}
