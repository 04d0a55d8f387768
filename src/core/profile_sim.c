/*
 * profile_sim.c
 *	  Similarities of two stored kol_profiles (doc/profile.md; formulas in
 *	  doc/formulas.md, "Relevance and similarity").  These read the stored form in place, merge the
 *	  sorted label lists, and allocate nothing: they are the ranking hot path.
 */
#include "profile.h"
#include "profile_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Default component weights: categories, audience, markets. */
const double km_rel_default_weights[KM_REL_NCOMP] = {0.4, 0.4, 0.2};

/* x clamped to [0, 1] (NaN passes through). */
static inline double
clamp01(double x)
{
	return x < 0 ? 0 : (x > 1 ? 1 : x);
}

/* Order of the length-prefixed labels at a and b. */
static inline int
cmp_at(const uint8_t *a, const uint8_t *b)
{
	return km_label_cmp((const char *) a + 1, a[0], (const char *) b + 1, b[0]);
}

/*
 * Cosine of the category weight vectors.  With a'_i = a_i / max(a) (so no
 * square overflows or underflows to a zero norm): sum(a'_i b'_i) /
 * sqrt(ss_a ss_b), ss = sum(a'_i^2) stored.  For identical vectors the dot
 * product is computed exactly as ss, and sqrt(ss * ss) = ss in IEEE
 * arithmetic, so the result is exactly 1.
 */
void
km_profile_category_similarity(const uint8_t *a, const uint8_t *b,
							   double *sim, bool *defined)
{
	int			na = km_rd16(a + 4),
				nb = km_rd16(b + 4);
	double		ma = km_rdf64(a + 24),
				mb = km_rdf64(b + 24);
	const uint8_t *pa = a + KM_PROFILE_HDR,
			   *pb = b + KM_PROFILE_HDR;
	double		dot = 0;

	*defined = na > 0 && nb > 0;
	*sim = 0;
	if (!*defined)
		return;
	while (na > 0 && nb > 0)
	{
		int			c = cmp_at(pa, pb);

		if (c == 0)
		{
			double		x = km_rdf64(pa + 1 + pa[0]) / ma;
			double		y = km_rdf64(pb + 1 + pb[0]) / mb;

			dot += x * y;
		}
		if (c <= 0)
		{
			pa += 1 + pa[0] + 8;
			na--;
		}
		if (c >= 0)
		{
			pb += 1 + pb[0] + 8;
			nb--;
		}
	}
	*sim = clamp01(dot / sqrt(km_rdf64(a + 32) * km_rdf64(b + 32)));
}

/*
 * Histogram intersection sum(min(p_i, q_i)) of two entry lists, divided by
 * the larger of the two sums (1 up to rounding; summed in label order, so
 * identical histograms give exactly 1).
 */
static double
intersection(const uint8_t *pa, int na, const uint8_t *pb, int nb)
{
	double		s = 0,
				sa = 0,
				sb = 0;

	while (na > 0 || nb > 0)
	{
		int			c = na == 0 ? 1 : (nb == 0 ? -1 : cmp_at(pa, pb));
		double		x = 0,
					y = 0;

		if (c <= 0)
		{
			x = km_rdf64(pa + 1 + pa[0]);
			sa += x;
			pa += 1 + pa[0] + 8;
			na--;
		}
		if (c >= 0)
		{
			y = km_rdf64(pb + 1 + pb[0]);
			sb += y;
			pb += 1 + pb[0] + 8;
			nb--;
		}
		if (c == 0)
			s += x < y ? x : y;
	}
	return clamp01(s / (sa > sb ? sa : sb));
}

/* Skip one dimension record: name, u16 n, u32 bytes, entries. */
static inline const uint8_t *
next_dim(const uint8_t *d)
{
	const uint8_t *q = d + 1 + d[0];

	return q + 6 + km_rd32(q + 2);
}

void
km_profile_audience_similarity(const uint8_t *a, const uint8_t *b,
							   const char *dim, size_t dimlen,
							   double *sim, bool *defined)
{
	const uint8_t *da = NULL,
			   *db = NULL;
	const uint8_t *side[2] = {a, b};
	const uint8_t **found[2] = {&da, &db};
	int			s;

	*sim = 0;
	*defined = false;
	for (s = 0; s < 2; s++)
	{
		int			n = km_rd16(side[s] + 6);
		const uint8_t *d = side[s] + km_rd32(side[s] + 12);

		for (; n > 0; n--, d = next_dim(d))
			if (km_label_cmp((const char *) d + 1, d[0], dim, dimlen) == 0)
			{
				*found[s] = d;
				break;
			}
		if (*found[s] == NULL)
			return;
	}
	*defined = true;
	da += 1 + da[0];
	db += 1 + db[0];
	*sim = intersection(da + 6, km_rd16(da), db + 6, km_rd16(db));
}

/* Mean intersection over the dimensions both sides have; count in *shared. */
static double
audience_mean(const uint8_t *a, const uint8_t *b, int *shared)
{
	int			na = km_rd16(a + 6),
				nb = km_rd16(b + 6);
	const uint8_t *pa = a + km_rd32(a + 12),
			   *pb = b + km_rd32(b + 12);
	double		s = 0;

	*shared = 0;
	while (na > 0 && nb > 0)
	{
		int			c = cmp_at(pa, pb);

		if (c == 0)
		{
			const uint8_t *ea = pa + 1 + pa[0];
			const uint8_t *eb = pb + 1 + pb[0];

			s += intersection(ea + 6, km_rd16(ea), eb + 6, km_rd16(eb));
			(*shared)++;
		}
		if (c <= 0)
		{
			pa = next_dim(pa);
			na--;
		}
		if (c >= 0)
		{
			pb = next_dim(pb);
			nb--;
		}
	}
	return *shared ? clamp01(s / *shared) : 0;
}

/* Jaccard index of two sorted label lists (both non-empty). */
static double
list_jaccard(const uint8_t *pa, int na, const uint8_t *pb, int nb)
{
	int			shared = 0,
				total = na + nb;

	while (na > 0 && nb > 0)
	{
		int			c = cmp_at(pa, pb);

		if (c == 0)
			shared++;
		if (c <= 0)
		{
			pa += 1 + pa[0];
			na--;
		}
		if (c >= 0)
		{
			pb += 1 + pb[0];
			nb--;
		}
	}
	return (double) shared / (double) (total - shared);
}

void
km_profile_market_similarity(const uint8_t *a, const uint8_t *b,
							 double *sim, bool *defined)
{
	int			lista[2] = {km_rd16(a + 8), km_rd16(a + 10)};
	int			listb[2] = {km_rd16(b + 8), km_rd16(b + 10)};
	uint32_t	offa[2] = {km_rd32(a + 16), km_rd32(a + 20)};
	uint32_t	offb[2] = {km_rd32(b + 16), km_rd32(b + 20)};
	double		s = 0;
	int			k = 0,
				i;

	for (i = 0; i < 2; i++)
		if (lista[i] > 0 && listb[i] > 0)
		{
			s += list_jaccard(a + offa[i], lista[i], b + offb[i], listb[i]);
			k++;
		}
	*defined = k > 0;
	*sim = k > 0 ? s / k : 0;
}

/*
 * kol_relevance = sum(w_c s_c) / sum(w_c) over the components c with w_c > 0
 * that both profiles have (categories: cosine; audience: mean intersection
 * over shared dimensions; markets: mean Jaccard over shared lists).
 * The weights are first divided by the largest, so only their ratios count:
 * (1e308, 1e308, 1e308) and (5e-324, 5e-324, 5e-324) weigh like (1, 1, 1),
 * with no overflow to Infinity (NaN scores) and no precision lost to
 * subnormal products.
 */
void
km_profile_relevance(const uint8_t *a, const uint8_t *b,
					 const double raw_weights[KM_REL_NCOMP],
					 double *score, bool *defined)
{
	double		num = 0,
				den = 0,
				s,
				wmax = 0,
				weights[KM_REL_NCOMP];
	bool		def;
	int			shared,
				i;

	for (i = 0; i < KM_REL_NCOMP; i++)
		wmax = fmax(wmax, raw_weights[i]);
	for (i = 0; i < KM_REL_NCOMP; i++)
		weights[i] = wmax > 0 ? raw_weights[i] / wmax : 0;

	if (weights[KM_REL_CATEGORIES] > 0)
	{
		km_profile_category_similarity(a, b, &s, &def);
		if (def)
		{
			num += weights[KM_REL_CATEGORIES] * s;
			den += weights[KM_REL_CATEGORIES];
		}
	}
	if (weights[KM_REL_AUDIENCE] > 0)
	{
		s = audience_mean(a, b, &shared);
		if (shared > 0)
		{
			num += weights[KM_REL_AUDIENCE] * s;
			den += weights[KM_REL_AUDIENCE];
		}
	}
	if (weights[KM_REL_MARKETS] > 0)
	{
		km_profile_market_similarity(a, b, &s, &def);
		if (def)
		{
			num += weights[KM_REL_MARKETS] * s;
			den += weights[KM_REL_MARKETS];
		}
	}
	*defined = den > 0;
	*score = den > 0 ? clamp01(num / den) : 0;
}

/* Relevance component weights: finite, non-negative, not all zero. */
KmCode
km_profile_check_weights(const double weights[KM_REL_NCOMP], KmError *err)
{
	static const char *const names[KM_REL_NCOMP] = {
		"category_weight", "audience_weight", "market_weight"
	};
	double		sum = 0;
	int			i;

	for (i = 0; i < KM_REL_NCOMP; i++)
	{
		if (!isfinite(weights[i]) || weights[i] < 0)
		{
			char		num[40];

			if (isnan(weights[i]))
				snprintf(num, sizeof(num), "NaN");
			else if (isinf(weights[i]))
				snprintf(num, sizeof(num), "%sInfinity", weights[i] < 0 ? "-" : "");
			else
				km_format_double(weights[i], num, sizeof(num));
			return km_fail_msg(err, KM_EPARAM,
						   "%s must be a finite number >= 0: %s", names[i], num);
		}
		sum += weights[i];
	}
	if (!(sum > 0))
		return km_fail_msg(err, KM_EPARAM,
					   "category_weight, audience_weight and market_weight must not all be 0");
	return KM_OK;
}

/* qsort comparator of labels. */
static int
label_qcmp(const void *x, const void *y)
{
	const KmLabel *a = x;
	const KmLabel *b = y;

	return km_label_cmp(a->s, a->len, b->s, b->len);
}

/* Sort labels and drop duplicates; returns the new count. */
static size_t
sort_unique(KmLabel *v, size_t n)
{
	size_t		i,
				k = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(KmLabel), label_qcmp);
	for (i = 1; i < n; i++)
		if (label_qcmp(&v[k], &v[i]) != 0)
			v[++k] = v[i];
	return k + 1;
}

/* Jaccard index |A n B| / |A u B| of two label sets; undefined for two empty sets. */
void
km_jaccard(KmLabel *a, size_t na, KmLabel *b, size_t nb, double *sim, bool *defined)
{
	size_t		i = 0,
				j = 0,
				shared = 0;

	na = sort_unique(a, na);
	nb = sort_unique(b, nb);
	*defined = na + nb > 0;
	*sim = 0;
	if (!*defined)
		return;
	while (i < na && j < nb)
	{
		int			c = label_qcmp(&a[i], &b[j]);

		if (c == 0)
			shared++;
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	*sim = (double) shared / (double) (na + nb - shared);
}
