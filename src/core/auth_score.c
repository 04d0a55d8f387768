/*
 * auth_score.c
 *	  The authenticity score (doc/authenticity.md): each signal a KOL has is
 *	  judged, the post and comment signals against the cohort's median and robust sd
 *	  (z = (x - median) / scale in the suspicious direction, suspicion =
 *	  (z - 2) / (6 - 2) clamped to [0, 1]), the follower signals against the
 *	  account's own history (auth_follower.c); then
 *	    score = 100 x prod over computed signals of (1 - weight x suspicion),
 *	  and each signal's contribution is its share of the points lost,
 *	  proportional to ln(1 - weight x suspicion).  A signal that cannot be
 *	  computed is left out (a factor 1), never scored as zero.
 */
#include "auth.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Judge one post or comment signal against the cohort. */
static void
cohort_signal(const KmAuth *posts, const KmComments *comments, const KmCohort *cohort, KmSignal s,
			  KmSignalResult *r)
{
	const KmSignalInfo *info = &km_signal_info[s];
	int64_t		have,
				need;
	const char *why;
	double		z;

	if (s >= KM_SIG_NPOST && comments == NULL)
	{
		snprintf(r->why, sizeof(r->why), "no comments given");
		return;
	}
	if (!(s < KM_SIG_NPOST ? km_auth_signal(posts, s, &r->x, &have, &need, &why)
		  : km_cmt_signal(comments, s, &r->x, &have, &need, &why)))
	{
		if (why)
			snprintf(r->why, sizeof(r->why), "%s", why);
		else
			snprintf(r->why, sizeof(r->why), "needs at least %" PRId64 " %s, has %" PRId64,
					 need, info->needs, have);
		return;
	}
	r->value = km_signal_natural(s, r->x);
	if (!km_cohort_stats(cohort, s, &r->median, &r->scale, &r->cohort_kols))
	{
		snprintf(r->why, sizeof(r->why), "the cohort has %" PRId64 " KOLs with this signal, needs %d",
				 r->cohort_kols, KM_COHORT_MIN);
		return;
	}
	r->reference = km_signal_natural(s, r->median);
	z = (r->x - r->median) / r->scale;
	r->z = info->side == KM_SIDE_LOW ? -z : (info->side == KM_SIDE_HIGH ? z : fabs(z));
	r->suspicion = km_suspicion(r->z);
	r->has = true;
}

/* Score one KOL (see the file header). */
KmCode
km_auth_score(const KmAuth *posts, const KmCohort *cohort, const KmFollowers *followers,
			  const KmComments *comments, const double *weights, void *work, KmScore *out,
			  KmError *err)
{
	double		logsum = 0,
				score = 1;
	int			s;

	memset(out, 0, sizeof(*out));
	for (s = 0; s < KM_SIG_NCOHORT; s++)
		cohort_signal(posts, comments, cohort, (KmSignal) s, &out->sig[s]);
	if (followers == NULL)
	{
		snprintf(out->sig[KM_SIG_FOLLOWER_JUMP].why, sizeof(out->sig[0].why), "no follower snapshots given");
		snprintf(out->sig[KM_SIG_FOLLOWER_PURGE].why, sizeof(out->sig[0].why), "no follower snapshots given");
	}
	else
	{
		KmFolSignals *f = &out->fol;

		if (km_fol_signals(followers, posts, f, work, err) != KM_OK)
			return err->code;
		for (s = KM_SIG_FOLLOWER_JUMP; s <= KM_SIG_FOLLOWER_PURGE; s++)
		{
			KmSignalResult *r = &out->sig[s];

			if (!f->has)
			{
				snprintf(r->why, sizeof(r->why), "needs at least 5 follower snapshots, has %" PRId64,
						 f->snapshots);
				continue;
			}
			r->has = true;
			r->z = s == KM_SIG_FOLLOWER_JUMP ? f->jump_z : -f->drop_z;
			r->x = r->value = (double) (s == KM_SIG_FOLLOWER_JUMP ? f->jump : f->drop);
			r->suspicion = s == KM_SIG_FOLLOWER_JUMP ? f->jump_susp : f->purge_susp;
		}
	}
	for (s = 0; s < KM_SIG_COUNT; s++)
	{
		KmSignalResult *r = &out->sig[s];
		double		w = weights[s],
					loss;

		r->weight = w;
		if (!r->has)
			continue;
		out->used++;
		loss = w * r->suspicion;
		score *= 1 - loss;
		r->contribution = log(1 - fmin(loss, 0.999999));
		logsum += r->contribution;
	}
	out->score = 100 * score;
	for (s = 0; s < KM_SIG_COUNT; s++)
	{
		KmSignalResult *r = &out->sig[s];

		r->contribution = (r->has && logsum < 0) ? -(100 - out->score) * r->contribution / logsum : 0;
		if (r->contribution == 0)
			r->contribution = 0;	/* no -0 */
	}
	return KM_OK;
}

/*
 * Civil date of a time in microseconds since 2000-01-01 (10957 days after
 * 1970-01-01; Howard Hinnant's civil_from_days).
 */
void
km_format_date(int64_t at, char *buf, size_t size)
{
	int64_t		z = (at >= 0 ? at : at - INT64_C(86399999999)) / INT64_C(86400000000) + 10957 + 719468;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		y = yoe + era * 400;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;
	int64_t		d = doy - (153 * mp + 2) / 5 + 1;
	int64_t		m = mp < 10 ? mp + 3 : mp - 9;

	snprintf(buf, size, "%04" PRId64 "-%02" PRId64 "-%02" PRId64, m <= 2 ? y + 1 : y, m, d);
}

/* A signal value as the report writes it: rates and shares as percentages. */
static void
format_value(KmSignal s, double v, char *buf, size_t size)
{
	if (s == KM_SIG_ER_FOLLOWERS || s == KM_SIG_ER_VIEWS || s == KM_SIG_NEAR_ZERO ||
		s == KM_SIG_DUPLICATE || s == KM_SIG_EMOJI || s == KM_SIG_GENERIC || s == KM_SIG_BURST)
		snprintf(buf, size, "%.3g%%", 100 * v);
	else
		snprintf(buf, size, "%.3g", v);
}

/* The sentence of one signal: its value against the reference, or why it is missing. */
void
km_auth_sentence(const KmScore *sc, KmSignal s, char *buf, size_t size)
{
	const KmSignalResult *r = &sc->sig[s];
	const KmFolSignals *f = &sc->fol;
	char		v[32],
				ref[32],
				day[16];

	if (!r->has)
	{
		snprintf(buf, size, "%s: left out, %s", km_signal_info[s].label, r->why);
		return;
	}
	if (s == KM_SIG_FOLLOWER_JUMP)
	{
		if (f->jump <= 0)
		{
			snprintf(buf, size, "followers never rose between snapshots");
			return;
		}
		km_format_date(f->jump_at, day, sizeof(day));
		if (f->explained > 0)
			snprintf(buf, size, "followers rose by %" PRId64 " by %s (robust z %.1f), %.0f%% of it explained by a post of %" PRId64 " interactions just before",
					 f->jump, day, f->jump_z, 100 * f->explained, f->peak_i);
		else if (f->has_peak)
			snprintf(buf, size, "followers rose by %" PRId64 " by %s (robust z %.1f) with no post near it to explain it (largest post: %" PRId64 " interactions)",
					 f->jump, day, f->jump_z, f->peak_i);
		else
			snprintf(buf, size, "followers rose by %" PRId64 " by %s (robust z %.1f); no posts given to explain it",
					 f->jump, day, f->jump_z);
		return;
	}
	if (s == KM_SIG_FOLLOWER_PURGE)
	{
		if (f->drop <= 0)
			snprintf(buf, size, "no drop of followers within 90 days after the largest rise");
		else
		{
			km_format_date(f->drop_at, day, sizeof(day));
			snprintf(buf, size, "followers fell by %" PRId64 " by %s (robust z %.1f), within 90 days after a rise of %" PRId64,
					 f->drop, day, f->drop_z, f->jump);
		}
		return;
	}
	format_value(s, r->value, v, sizeof(v));
	format_value(s, r->reference, ref, sizeof(ref));
	snprintf(buf, size, "%s %s against a median of %s in the cohort (%" PRId64 " KOLs; robust z %.1f)",
			 km_signal_info[s].label, v, ref, r->cohort_kols, (r->x - r->median) / r->scale);
}
