/*
 * auth_cohort.c
 *	  authenticity_cohort (auth.h): for each post and comment signal, a histogram of the
 *	  values of the KOLs of a cohort in fixed bins (km_signal_info: first
 *	  edge and width in the transformed scale; values beyond the ends are
 *	  counted in the end bins), and the cohort's median and robust standard
 *	  deviation 1.4826 x MAD read from it (doc/authenticity.md).
 */
#include "auth.h"

#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#define F(name, i) {name, KM_FLAT_SPARSE, KM_COHORT_BINS, offsetof(KmCohort, bins[i])}
static const KmFlatField cohort_fields[] = {
	{"kols", KM_FLAT_I64, 1, offsetof(KmCohort, kols)},
	F("er_followers", KM_SIG_ER_FOLLOWERS),
	F("er_views", KM_SIG_ER_VIEWS),
	F("likes_per_comment", KM_SIG_LIKES_PER_COMMENT),
	F("like_comment_spread", KM_SIG_LC_SPREAD),
	F("interaction_cv", KM_SIG_CV),
	F("peak_to_mean", KM_SIG_PEAK),
	F("near_zero_share", KM_SIG_NEAR_ZERO),
	F("benford_mad", KM_SIG_BENFORD),
	F("hour_concentration", KM_SIG_HOURS),
	F("duplicate_share", KM_SIG_DUPLICATE),
	F("emoji_share", KM_SIG_EMOJI),
	F("generic_share", KM_SIG_GENERIC),
	F("authors_per_comment", KM_SIG_AUTHORS),
	F("author_concentration", KM_SIG_CONCENTRATION),
	F("comment_burst_share", KM_SIG_BURST),
};
#undef F

const KmFlatType km_cohort_type = {
	"authenticity_cohort", 1, cohort_fields, sizeof(cohort_fields) / sizeof(cohort_fields[0])
};

/* An empty cohort. */
void
km_cohort_init(KmCohort *c)
{
	memset(c, 0, sizeof(*c));
}

/* The bin of a transformed value (the end bins take what lies beyond). */
static int
bin_of(KmSignal s, double x)
{
	double		b = floor((x - km_signal_info[s].lo) / km_signal_info[s].width);

	if (!(b >= 0))
		return 0;
	if (b >= KM_COHORT_BINS - 1)
		return KM_COHORT_BINS - 1;
	return (int) b;
}

/* Add one KOL: each signal it has goes to its bin. */
KmCode
km_cohort_add(KmCohort *c, const KmAuth *a, const KmComments *cm, KmError *err)
{
	int			s;

	if (km_add_i64_overflow(c->kols, 1, &c->kols))
		return km_fail_msg(err, KM_ERANGE, "authenticity_cohort KOL count is out of range for type bigint");
	for (s = 0; s < KM_SIG_NCOHORT; s++)
	{
		double		x;
		int64_t		have,
					need;
		const char *why;

		if (s < KM_SIG_NPOST ? (a != NULL && km_auth_signal(a, (KmSignal) s, &x, &have, &need, &why))
			: (cm != NULL && km_cmt_signal(cm, (KmSignal) s, &x, &have, &need, &why)))
			c->bins[s][bin_of((KmSignal) s, x)]++;
	}
	return KM_OK;
}

/* d += s, bin by bin. */
KmCode
km_cohort_merge(KmCohort *d, const KmCohort *s, KmError *err)
{
	int			i,
				j;

	if (km_add_i64_overflow(d->kols, s->kols, &d->kols))
		return km_fail_msg(err, KM_ERANGE, "authenticity_cohort KOL count is out of range for type bigint");
	for (i = 0; i < KM_SIG_NCOHORT; i++)
		for (j = 0; j < KM_COHORT_BINS; j++)
			d->bins[i][j] += s->bins[i][j];	/* each <= kols: cannot overflow */
	return KM_OK;
}

/* Counts not negative, each signal's total at most the KOLs. */
KmCode
km_cohort_validate(const KmCohort *c, KmCode code, KmError *err)
{
	int			i,
				j;

	if (c->kols < 0)
		return km_fail(err, code, "The KOL count must not be negative.");
	for (i = 0; i < KM_SIG_NCOHORT; i++)
	{
		int64_t		sum = 0;

		for (j = 0; j < KM_COHORT_BINS; j++)
		{
			if (c->bins[i][j] < 0)
				return km_fail(err, code, "Counts of \"%s\" must not be negative.", km_signal_info[i].name);
			if (km_add_i64_overflow(sum, c->bins[i][j], &sum))
				return km_fail(err, code, "Counts of \"%s\" add up past bigint.", km_signal_info[i].name);
		}
		if (sum > c->kols)
			return km_fail(err, code, "Counts of \"%s\" add up to %" PRId64 ", more than the %" PRId64 " KOLs.",
						   km_signal_info[i].name, sum, c->kols);
	}
	return KM_OK;
}

/*
 * The value below which a fraction q of the mass of counts[] lies, the
 * mass of a bin spread evenly over it (bins of width w from lo).
 */
static double
hist_quantile(const double *counts, double total, double lo, double w, double q)
{
	double		target = q * total,
				cum = 0;
	int			j;

	for (j = 0; j < KM_COHORT_BINS; j++)
	{
		if (counts[j] > 0 && cum + counts[j] >= target)
			return lo + w * (j + (target - cum) / counts[j]);
		cum += counts[j];
	}
	return lo + w * KM_COHORT_BINS;
}

/*
 * Median and robust sd of a signal over the cohort's KOLs: the median by
 * interpolation in the histogram; MAD as the median of |x - median| with
 * each bin's KOLs spread evenly over it (so over a folded histogram at
 * half-bin resolution); scale = max(1.4826 MAD, the signal's floor).
 */
bool
km_cohort_stats(const KmCohort *c, KmSignal s, double *median, double *scale, int64_t *kols)
{
	const KmSignalInfo *info = &km_signal_info[s];
	double		counts[KM_COHORT_BINS],
				dev[2 * KM_COHORT_BINS],
				total = 0,
				med,
				mad;
	int			j;

	for (j = 0; j < KM_COHORT_BINS; j++)
	{
		counts[j] = (double) c->bins[s][j];
		total += counts[j];
	}
	*kols = (int64_t) total;
	if (total < KM_COHORT_MIN)
		return false;
	med = hist_quantile(counts, total, info->lo, info->width, 0.5);
	/* deviations in steps of half a bin: split each bin at the median's offset */
	memset(dev, 0, sizeof(dev));
	for (j = 0; j < KM_COHORT_BINS; j++)
	{
		double		a = info->lo + info->width * j,
					b = a + info->width;
		double		da = fabs(a - med),
					db = fabs(b - med);

		if (counts[j] == 0)
			continue;
		if (a < med && b > med)
		{
			/* the bin holding the median: its mass from 0 to max(da, db) */
			double		top = da > db ? da : db;
			int			k,
						steps = (int) ceil(top / (info->width / 2));

			for (k = 0; k < steps && k < 2 * KM_COHORT_BINS; k++)
				dev[k] += counts[j] / steps;
		}
		else
		{
			double		mid = (da + db) / 2;
			int			k = (int) floor(mid / (info->width / 2));

			dev[k < 2 * KM_COHORT_BINS ? k : 2 * KM_COHORT_BINS - 1] += counts[j];
		}
	}
	{
		double		target = total / 2,
					cum = 0;

		mad = info->width * KM_COHORT_BINS;
		for (j = 0; j < 2 * KM_COHORT_BINS; j++)
		{
			if (dev[j] > 0 && cum + dev[j] >= target)
			{
				mad = (info->width / 2) * (j + (target - cum) / dev[j]);
				break;
			}
			cum += dev[j];
		}
	}
	*median = med;
	*scale = 1.4826 * mad;
	if (*scale < info->min_scale)
		*scale = info->min_scale;
	return true;
}
