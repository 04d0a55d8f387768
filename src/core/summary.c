/*
 * summary.c
 *	  engagement_summary arithmetic: adding posts, merging the fixed part of
 *	  summaries, the validator and the accessors.
 */
#include "summary.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


const char *const km_basis_names[KM_NBASES] = {"followers", "views"};

void
km_summary_init(KmSummary *s)
{
	memset(&s->h, 0, sizeof(s->h));
	km_sk_init(&s->sk);
}

void
km_summary_free(KmSummary *s, const KmAlloc *a)
{
	km_sk_free(&s->sk, a);
}

/* Fail with KM_ERANGE: what is out of range for type bigint. */
static KmCode
overflow(KmError *err, const char *what)
{
	return km_fail_msg(err, KM_ERANGE, "%s is out of range for type bigint", what);
}

/* Welford's update of one basis with the per-post ER x. */
static void
basis_add(KmBasis *b, double x)
{
	double		delta;

	b->rated++;
	if (b->rated == 1)
	{
		b->mean = x;
		b->m2 = 0;
		b->min = b->max = x;
		return;
	}
	delta = x - b->mean;
	b->mean += delta / (double) b->rated;
	b->m2 += delta * (x - b->mean);
	if (x < b->min)
		b->min = x;
	if (x > b->max)
		b->max = x;
	/* the true mean lies in [min, max]; keep rounding from leaving it */
	b->mean = fmin(fmax(b->mean, b->min), b->max);
}

/*
 * Add one post.  Interactions = likes + comments + shares + saves + extra,
 * NULL counters absent (km_interactions).  For each basis the post is rated
 * when the base is present and > 0 and at least one counter is present; its
 * ER = interactions / base then enters the statistics.
 */
KmCode
km_summary_add(KmSummary *s, const KmPost *p, const KmAlloc *a, KmError *err)
{
	KmSummaryHead *h = &s->h;
	int64_t		inter;
	int64_t    *sums[KM_ER_NCOUNTERS] = {&h->likes, &h->comments, &h->shares, &h->saves, &h->extra};
	bool		any = false;
	int			i,
				k;

	if (km_interactions(p->counter, p->present, &inter, err) != KM_OK)
		return err->code;
	if (p->has_views && p->views < 0)
		return km_fail_msg(err, KM_EPARAM, "views must not be negative: %" PRId64, p->views);
	if (p->has_followers && p->followers < 0)
		return km_fail_msg(err, KM_EPARAM, "followers must not be negative: %" PRId64, p->followers);

	for (i = 0; i < KM_ER_NCOUNTERS; i++)
	{
		if (!p->present[i])
			continue;
		any = true;
		if (km_add_i64_overflow(*sums[i], p->counter[i], sums[i]))
			return km_fail_msg(err, KM_ERANGE, "sum of %s is out of range for type bigint",
						   km_er_counter_names[i]);
	}
	if (km_add_i64_overflow(h->interactions, inter, &h->interactions))
		return overflow(err, "sum of interactions");
	if (km_add_i64_overflow(h->posts, 1, &h->posts))
		return overflow(err, "number of posts");
	if (p->has_views && km_add_i64_overflow(h->views, p->views, &h->views))
		return overflow(err, "sum of views");

	for (k = 0; k < KM_NBASES; k++)
	{
		KmBasis    *b = &h->basis[k];
		bool		has = k == KM_BASIS_FOLLOWERS ? p->has_followers : p->has_views;
		int64_t		base = k == KM_BASIS_FOLLOWERS ? p->followers : p->views;
		double		x;

		if (!any || !has || base == 0)
		{
			b->unrated++;
			continue;
		}
		if (km_add_i64_overflow(b->interactions, inter, &b->interactions) ||
			km_add_i64_overflow(b->base, base, &b->base))
			return overflow(err, k == KM_BASIS_FOLLOWERS ? "sum of followers" : "sum of views");
		x = (double) inter / (double) base;
		basis_add(b, x);
		if (k == KM_BASIS_FOLLOWERS)
		{
			if (x == 0)
				h->zero++;
			else if (km_sk_add1(&s->sk, km_sk_index(x), a, err) != KM_OK)
				return err->code;
		}
	}
	return KM_OK;
}

/*
 * fmin and fmax for the statistics of merged values, which are never NaN or
 * -0 (validated): the same answers, without a libm call per merge.
 */
static inline double
min2(double x, double y)
{
	return y < x ? y : x;
}

/* The larger of x and y: fmax for the same values as min2. */
static inline double
max2(double x, double y)
{
	return y > x ? y : x;
}

/* Chan, Golub and LeVeque's pairwise merge of two bases' statistics. */
static KmCode
basis_merge(KmBasis *d, const KmBasis *s, const char *base_name, KmError *err)
{
	int64_t		n;

	if (km_add_i64_overflow(d->unrated, s->unrated, &d->unrated) ||
		km_add_i64_overflow(d->rated, s->rated, &n))
		return overflow(err, "number of posts");
	if (km_add_i64_overflow(d->interactions, s->interactions, &d->interactions))
		return overflow(err, "sum of interactions");
	if (km_add_i64_overflow(d->base, s->base, &d->base))
		return km_fail_msg(err, KM_ERANGE, "sum of %s is out of range for type bigint", base_name);
	if (s->rated == 0)
		return KM_OK;
	if (d->rated == 0)
	{
		d->mean = s->mean;
		d->m2 = s->m2;
		d->min = s->min;
		d->max = s->max;
	}
	else
	{
		double		na = (double) d->rated,
					nb = (double) s->rated,
					nn = (double) n,
					delta = s->mean - d->mean;

		d->mean += delta * (nb / nn);
		d->m2 += s->m2 + delta * delta * (na * nb / nn);
		d->min = min2(d->min, s->min);
		d->max = max2(d->max, s->max);
		d->mean = min2(max2(d->mean, d->min), d->max);
	}
	d->rated = n;
	return KM_OK;
}

/* Add the head fields of src to dst (sketch buckets are the caller's). */
KmCode
km_summary_head_merge(KmSummaryHead *d, const KmSummaryHead *s, KmError *err)
{
	int			k;

#define HEAD_ADD(field, what) \
	if (km_add_i64_overflow(d->field, s->field, &d->field)) \
		return overflow(err, what)
	HEAD_ADD(posts, "number of posts");
	HEAD_ADD(likes, "sum of likes");
	HEAD_ADD(comments, "sum of comments");
	HEAD_ADD(shares, "sum of shares");
	HEAD_ADD(saves, "sum of saves");
	HEAD_ADD(extra, "sum of extra");
	HEAD_ADD(interactions, "sum of interactions");
	HEAD_ADD(views, "sum of views");
	HEAD_ADD(zero, "number of zero ERs");
#undef HEAD_ADD
	for (k = 0; k < KM_NBASES; k++)
		if (basis_merge(&d->basis[k], &s->basis[k], k == KM_BASIS_FOLLOWERS ? "followers" : "views", err) != KM_OK)
			return err->code;
	return KM_OK;
}

/* Checks of one basis; "what" names it in the detail. */
static KmCode
validate_basis(const KmSummaryHead *h, const KmBasis *b, const char *what, KmError *err)
{
	int64_t		n;

	if (b->rated < 0 || b->unrated < 0 || b->interactions < 0 || b->base < 0)
		return km_fail(err, KM_EBINARY, "Counts and sums by %s must not be negative.", what);
	if (km_add_i64_overflow(b->rated, b->unrated, &n) || n != h->posts)
		return km_fail(err, KM_EBINARY,
					   "Posts rated (%" PRId64 ") and unrated (%" PRId64 ") by %s do not add up to the %" PRId64 " posts.",
					   b->rated, b->unrated, what, h->posts);
	if (b->interactions > h->interactions)
		return km_fail(err, KM_EBINARY,
					   "The interactions of posts rated by %s exceed the total interactions.", what);
	if (b->base < b->rated)
		return km_fail(err, KM_EBINARY,
					   "The sum of %s (%" PRId64 ") is smaller than the number of rated posts (%" PRId64 "), but each rated post has a base of at least 1.",
					   what, b->base, b->rated);
	if (!isfinite(b->mean) || !isfinite(b->m2) || !isfinite(b->min) || !isfinite(b->max))
		return km_fail(err, KM_EBINARY, "ER statistics by %s must be finite numbers.", what);
	if (signbit(b->mean) || signbit(b->m2) || signbit(b->min) || signbit(b->max))
		return km_fail(err, KM_EBINARY, "ER statistics by %s must not be negative.", what);
	if (b->rated == 0)
	{
		if (b->mean != 0 || b->m2 != 0 || b->min != 0 || b->max != 0 || b->base != 0 ||
			b->interactions != 0)
			return km_fail(err, KM_EBINARY,
						   "With no posts rated by %s, the sums, mean, m2, min and max by %s must be 0.", what, what);
		return KM_OK;
	}
	if (b->max > 9.3e18)
		return km_fail(err, KM_EBINARY, "The largest %s ER %.17g is beyond any ratio of bigints.",
					   what, b->max);
	if (!(b->min <= b->mean && b->mean <= b->max))
		return km_fail(err, KM_EBINARY,
					   "The mean ER by %s %.17g is not between min %.17g and max %.17g.",
					   what, b->mean, b->min, b->max);
	/*
	 * Bhatia-Davis: n values in [min, max] with this mean have a sum of squared
	 * deviations of at most n (max - mean) (mean - min) <= n (max - min)^2 / 4.
	 * Without the bound a hostile m2 (1e308) rolls up to Infinity, whose text
	 * is refused on input.  The slack, 10^-6 n (max - min) max, covers the
	 * rounding of the Welford and Chan updates, whose mean is off by a few ulps
	 * of max per step, when the ERs are close together far from 0 (the bound is
	 * then a difference of nearly equal numbers); with min = max it is 0, as
	 * m2 is then exactly 0.
	 */
	{
		double		nd = (double) b->rated,
					range = b->max - b->min,
					bound = nd * (b->max - b->mean) * (b->mean - b->min) +
			1e-6 * nd * range * b->max;

		if (b->m2 > bound)
			return km_fail(err, KM_EBINARY,
						   "m2 by %s %.17g exceeds %.17g, the most that %" PRId64 " rates between min %.17g and max %.17g with mean %.17g allow.",
						   what, b->m2, bound, b->rated, b->min, b->max, b->mean);
	}
	if (b->rated == 1 && (b->m2 != 0 || b->min != b->max))
		return km_fail(err, KM_EBINARY,
					   "With one post rated by %s, m2 must be 0 and min must equal max.", what);
	if (b->interactions == 0 && b->max != 0)
		return km_fail(err, KM_EBINARY,
					   "The posts rated by %s have no interactions, so their largest ER must be 0.", what);
	if (b->interactions > 0 && b->max == 0)
		return km_fail(err, KM_EBINARY,
					   "The posts rated by %s have interactions, so their largest ER must be above 0.", what);
	return KM_OK;
}

/*
 * The validator: check a decoded value, every field, before anything uses
 * it.  The text parser and the strict packed reader (recv, deserial) both end
 * here.
 */
KmCode
km_summary_validate(const KmSummaryParts *v, KmError *err)
{
	const KmSummaryHead *h = &v->h;
	const KmBasis *f;
	const int64_t *counts = v->counts;
	const int32_t *index = v->index;
	int64_t		sum;
	uint32_t	j;
	int			k;

	if (v->nb > KM_SK_MAX_BUCKETS)
		return km_fail(err, KM_EBINARY, "%u sketch buckets exceed the maximum of %d.",
					   (unsigned) v->nb, KM_SK_MAX_BUCKETS);
	if (h->posts < 0 || h->likes < 0 || h->comments < 0 || h->shares < 0 || h->saves < 0 ||
		h->extra < 0 || h->interactions < 0 || h->views < 0 || h->zero < 0)
		return km_fail(err, KM_EBINARY, "Counts and sums must not be negative.");
	sum = h->likes;
	if (km_add_i64_overflow(sum, h->comments, &sum) ||
		km_add_i64_overflow(sum, h->shares, &sum) ||
		km_add_i64_overflow(sum, h->saves, &sum) ||
		km_add_i64_overflow(sum, h->extra, &sum) || sum != h->interactions)
		return km_fail(err, KM_EBINARY,
					   "Total interactions %" PRId64 " is not likes + comments + shares + saves + extra.",
					   h->interactions);
	for (k = 0; k < KM_NBASES; k++)
		if (validate_basis(h, &h->basis[k], km_basis_names[k], err) != KM_OK)
			return err->code;

	if (h->basis[KM_BASIS_VIEWS].base > h->views)
		return km_fail(err, KM_EBINARY,
					   "The views of posts rated by views (%" PRId64 ") exceed the total views (%" PRId64 ").",
					   h->basis[KM_BASIS_VIEWS].base, h->views);

	/* the sketch holds exactly the followers-rated posts: zeros plus buckets */
	f = &h->basis[KM_BASIS_FOLLOWERS];
	sum = h->zero;
	for (j = 0; j < v->nb; j++)
	{
		if (index[j] < KM_SK_MIN_INDEX || index[j] > KM_SK_MAX_INDEX)
			return km_fail(err, KM_EBINARY, "Sketch bucket %d is outside [%d, %d].",
						   (int) index[j], KM_SK_MIN_INDEX, KM_SK_MAX_INDEX);
		if (j > 0 && index[j] <= index[j - 1])
			return km_fail(err, KM_EBINARY, "Sketch buckets must be in strictly increasing order.");
		if (counts[j] <= 0)
			return km_fail(err, KM_EBINARY, "Sketch bucket %d has count %" PRId64 "; counts must be positive.",
						   (int) index[j], counts[j]);
		if (km_add_i64_overflow(sum, counts[j], &sum))
			return km_fail(err, KM_EBINARY, "Sketch counts overflow.");
	}
	if (sum != f->rated)
		return km_fail(err, KM_EBINARY,
					   "The sketch holds %" PRId64 " values but %" PRId64 " posts are rated by followers.",
					   sum, f->rated);
	if ((h->zero > 0) != (f->rated > 0 && f->min == 0))
		return km_fail(err, KM_EBINARY,
					   "The count of zero ERs (%" PRId64 ") disagrees with the smallest ER by followers.",
					   h->zero);
	/* the extreme buckets must hold min and max (one bucket of slack for libm) */
	if (v->nb > 0)
	{
		int32_t		top = km_sk_index(f->max);

		if (abs(top - index[v->nb - 1]) > 1 ||
			(h->zero == 0 && abs(km_sk_index(f->min) - index[0]) > 1))
			return km_fail(err, KM_EBINARY,
						   "The sketch buckets do not match the smallest and largest ER by followers.");
	}
	return KM_OK;
}

/* Resolve a basis name ('followers' or 'views'). */
bool
km_summary_basis(const char *name, KmBasisKind *kind, KmError *err)
{
	int			k;

	for (k = 0; k < KM_NBASES; k++)
		if (strcmp(name, km_basis_names[k]) == 0)
		{
			*kind = (KmBasisKind) k;
			return true;
		}
	km_fail_msg(err, KM_EPARAM, "unknown engagement rate basis \"%.*s\"", km_utf8_cut(name, 64), name);
	return false;
}

/* Pooled ER = sum of interactions / sum of base over the rated posts. */
bool
km_summary_pooled(const KmSummaryHead *h, KmBasisKind k, double *r)
{
	const KmBasis *b = &h->basis[k];

	if (b->rated == 0 || b->base == 0)
		return false;
	*r = (double) b->interactions / (double) b->base;
	return true;
}

/* Sample standard deviation sqrt(m2 / (n - 1)). */
bool
km_summary_stddev(const KmSummaryHead *h, KmBasisKind k, double *r)
{
	const KmBasis *b = &h->basis[k];

	if (b->rated < 2)
		return false;
	*r = sqrt(b->m2 / (double) (b->rated - 1));
	return true;
}
