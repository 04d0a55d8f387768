/*
 * auth_follower.c
 *	  follower_summary (auth.h): the follower-count snapshots of an account
 *	  and the follower signals read from them (doc/authenticity.md): the
 *	  largest rise per day judged by the account's own changes (modified
 *	  z-score, anomaly.h), how much of it a peak post just before it explains,
 *	  and a drop after it (bought followers purged by the platform).
 */
#include "auth.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anomaly.h"
#include "km_bytes.h"
#include "km_text.h"

#define KM_FOL_VERSION 1
/* timestamptz's range in microseconds since 2000-01-01 */
#define FOL_MIN_AT (INT64_C(-211813488000000000))
#define FOL_MAX_AT (INT64_C(9223371331199999999))

/* A follower count of a snapshot: not negative. */
KmCode
km_fol_check(int64_t followers, KmError *err)
{
	if (followers < 0)
		return km_fail_msg(err, KM_EPARAM, "followers must not be negative: %" PRId64, followers);
	return KM_OK;
}

/* qsort order: time, then followers. */
static int
cmp_snap(const void *a, const void *b)
{
	const KmSnap *x = a,
			   *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->f > y->f) - (x->f < y->f);
}

/* Sort; one snapshot per time (the largest count); the latest KM_FOL_CAP kept. */
void
km_fol_normalize(KmFollowers *s)
{
	int64_t		i,
				m = 0;

	if (s->n > 1)
		qsort(s->s, (size_t) s->n, sizeof(KmSnap), cmp_snap);
	for (i = 0; i < s->n; i++)
	{
		if (m > 0 && s->s[m - 1].t == s->s[i].t)
			s->s[m - 1].f = s->s[i].f;	/* sorted: the later one is larger */
		else
			s->s[m++] = s->s[i];
	}
	s->n = m;
	if (s->n > KM_FOL_CAP)
	{
		int64_t		drop = s->n - KM_FOL_CAP;

		memmove(s->s, s->s + drop, KM_FOL_CAP * sizeof(KmSnap));
		s->n = KM_FOL_CAP;
		s->dropped += drop;
	}
}

/* Header and 16 bytes per snapshot. */
size_t
km_fol_len(const KmFollowers *s)
{
	return KM_FOL_HEADER + 16 * (size_t) s->n;
}

/* version, 3 zero bytes, dropped (8), n (8), then (t, f) pairs, little-endian. */
void
km_fol_pack(const KmFollowers *s, uint8_t *buf)
{
	int64_t		i;

	buf[0] = KM_FOL_VERSION;
	buf[1] = buf[2] = buf[3] = 0;
	km_wr64(buf + 4, (uint64_t) s->dropped);
	km_wr64(buf + 12, (uint64_t) s->n);
	for (i = 0; i < s->n; i++)
	{
		km_wr64(buf + KM_FOL_HEADER + 16 * i, (uint64_t) s->s[i].t);
		km_wr64(buf + KM_FOL_HEADER + 16 * i + 8, (uint64_t) s->s[i].f);
	}
}

/* The invariants: counts in range, times ascending and in range, followers >= 0. */
static KmCode
fol_validate(const KmFollowers *s, KmCode code, KmError *err)
{
	int64_t		i;

	if (s->dropped < 0 || (s->dropped > 0 && s->n != KM_FOL_CAP))
		return km_fail(err, code, "Dropped snapshots (%" PRId64 ") need a full summary of %d.",
					   s->dropped, KM_FOL_CAP);
	for (i = 0; i < s->n; i++)
	{
		if (s->s[i].t < FOL_MIN_AT || s->s[i].t > FOL_MAX_AT)
			return km_fail(err, code, "Snapshot %" PRId64 " is outside timestamptz's range.", i + 1);
		if (i > 0 && s->s[i].t <= s->s[i - 1].t)
			return km_fail(err, code, "Snapshot times must ascend strictly (snapshot %" PRId64 ").", i + 1);
		if (s->s[i].f < 0)
			return km_fail(err, code, "Followers must not be negative (snapshot %" PRId64 ").", i + 1);
	}
	return KM_OK;
}

/* Read the packed form into s->s (room for KM_FOL_CAP) and validate it. */
KmCode
km_fol_unpack(const uint8_t *buf, size_t len, KmFollowers *s, KmError *err)
{
	int64_t		n,
				i;

	if (len < KM_FOL_HEADER)
		return km_fail(err, KM_EBINARY, "A follower_summary needs at least %d bytes, got %zu.",
					   KM_FOL_HEADER, len);
	if (buf[0] != KM_FOL_VERSION)
		return km_fail(err, KM_EBINARY, "Unsupported follower_summary format version %u (this version reads %u).",
					   buf[0], KM_FOL_VERSION);
	if (buf[1] || buf[2] || buf[3])
		return km_fail(err, KM_EBINARY, "Reserved bytes of a follower_summary must be zero.");
	n = (int64_t) km_rd64(buf + 12);
	if (n < 0 || n > KM_FOL_CAP)
		return km_fail(err, KM_EBINARY, "A follower_summary holds 0 to %d snapshots, not %" PRId64 ".",
					   KM_FOL_CAP, n);
	if (len != KM_FOL_HEADER + 16 * (size_t) n)
		return km_fail(err, KM_EBINARY, "A follower_summary of %" PRId64 " snapshots needs %zu bytes, got %zu.",
					   n, KM_FOL_HEADER + 16 * (size_t) n, len);
	s->dropped = (int64_t) km_rd64(buf + 4);
	s->n = n;
	for (i = 0; i < n; i++)
	{
		s->s[i].t = (int64_t) km_rd64(buf + KM_FOL_HEADER + 16 * i);
		s->s[i].f = (int64_t) km_rd64(buf + KM_FOL_HEADER + 16 * i + 8);
	}
	return fol_validate(s, KM_EBINARY, err);
}

/* Room for the text form. */
size_t
km_fol_text_max(const KmFollowers *s)
{
	return 96 + 44 * (size_t) s->n;
}

/* (v:1,dropped:D,n:N,at:[t,...],followers:[f,...]), t in microseconds since 2000-01-01 UTC. */
void
km_fol_format(const KmFollowers *s, char *out, size_t size)
{
	size_t		pos;
	int64_t		i;
	int			pass;

	pos = (size_t) snprintf(out, size, "(v:%d,dropped:%" PRId64 ",n:%" PRId64, KM_FOL_VERSION,
							s->dropped, s->n);
	for (pass = 0; pass < 2; pass++)
	{
		pos += (size_t) snprintf(out + pos, size - pos, pass == 0 ? ",at:[" : ",followers:[");
		for (i = 0; i < s->n && pos < size; i++)
			pos += (size_t) snprintf(out + pos, size - pos, "%s%" PRId64, i ? "," : "",
									 pass == 0 ? s->s[i].t : s->s[i].f);
		if (pos < size)
			pos += (size_t) snprintf(out + pos, size - pos, "]");
	}
	if (pos < size)
		snprintf(out + pos, size - pos, ")");
}

/* A list [a,b,...] of exactly n integers into the t (pass 0) or f fields. */
static KmCode
parse_list(KmCursor *c, const char *key, KmFollowers *s, int pass)
{
	int64_t		i;

	if (km_cur_char(c, ',') != KM_OK || km_cur_key(c, key) != KM_OK || km_cur_char(c, '[') != KM_OK)
		return c->err->code;
	for (i = 0; i < s->n; i++)
	{
		int64_t		v;

		if ((i > 0 && km_cur_char(c, ',') != KM_OK) || km_cur_int(c, key, &v) != KM_OK)
			return c->err->code;
		if (pass == 0)
			s->s[i].t = v;
		else
			s->s[i].f = v;
	}
	return km_cur_char(c, ']');
}

/* Parse and validate the text form into s->s (room for KM_FOL_CAP). */
KmCode
km_fol_parse(const char *str, KmFollowers *s, KmError *err)
{
	KmCursor	c = {str, str, err};
	int64_t		v;

	if (km_cur_char(&c, '(') != KM_OK || km_cur_key(&c, "v") != KM_OK || km_cur_int(&c, "v", &v) != KM_OK)
		return err->code;
	if (v != KM_FOL_VERSION)
		return km_fail(err, KM_ESYNTAX, "Unsupported follower_summary text version %" PRId64 " (this version reads %d).",
					   v, KM_FOL_VERSION);
	if (km_cur_char(&c, ',') != KM_OK || km_cur_key(&c, "dropped") != KM_OK ||
		km_cur_int(&c, "dropped", &s->dropped) != KM_OK ||
		km_cur_char(&c, ',') != KM_OK || km_cur_key(&c, "n") != KM_OK || km_cur_int(&c, "n", &s->n) != KM_OK)
		return err->code;
	if (s->n < 0 || s->n > KM_FOL_CAP)
		return km_fail(err, KM_ESYNTAX, "A follower_summary holds 0 to %d snapshots, not %" PRId64 ".",
					   KM_FOL_CAP, s->n);
	if (parse_list(&c, "at", s, 0) != KM_OK || parse_list(&c, "followers", s, 1) != KM_OK ||
		km_cur_char(&c, ')') != KM_OK)
		return err->code;
	km_cur_skip_ws(&c);
	if (*c.p != '\0')
		return km_cur_syntax(&c, "the end of input");
	return fol_validate(s, KM_ESYNTAX, err);
}

/* Work for n snapshots: the points and three arrays of n doubles. */
size_t
km_fol_work_size(int64_t n)
{
	return (size_t) (n > 0 ? n : 1) * (sizeof(KmSeriesPoint) + 3 * sizeof(double));
}

/* Clamp (v - lo) / (hi - lo) to [0, 1]. */
static double
ramp(double v, double lo, double hi)
{
	double		r = (v - lo) / (hi - lo);

	return r < 0 ? 0 : (r > 1 ? 1 : r);
}

/*
 * The follower signals.  jump: the change with the largest modified z-score
 * (a rise); explained = min(1, peak interactions / rise) when the posts'
 * peak lies within KM_FOL_PEAK_WINDOW before the rise's end (a post can
 * bring at most one follower per interaction), else 0; jump suspicion =
 * ramp(z, 3.5, 10) x ramp(rise / followers before, 1%, 5%) x (1 -
 * explained).  purge: the most negative z-score within KM_FOL_PURGE_WINDOW
 * after the jump; suspicion = ramp(-z, 3.5, 10) x ramp(drop / followers
 * before it, 1%, 5%) x min(1, drop / (0.2 x rise)) when the jump itself is
 * beyond 3.5.
 */
KmCode
km_fol_signals(const KmFollowers *s, const KmAuth *posts, KmFolSignals *out, void *work,
			   KmError *err)
{
	KmSeriesPoint *p = work;
	double	   *rate = (double *) (p + s->n),
			   *score = rate + s->n,
			   *tmp = score + s->n;
	KmAnomalyStats st;
	int64_t		i,
				j = -1,
				k = -1;

	memset(out, 0, sizeof(*out));
	out->snapshots = s->n;
	if (s->n < KM_ANOMALY_MIN_POINTS)
		return KM_OK;
	for (i = 0; i < s->n; i++)
	{
		p[i].t = s->s[i].t;
		p[i].y = (double) s->s[i].f;
	}
	if (km_anomaly_scores(p, (size_t) s->n, rate, score, tmp, &st, err) != KM_OK)
		return err->code;
	out->has = true;
	for (i = 0; i < s->n - 1; i++)
		if (s->s[i + 1].f > s->s[i].f && (j < 0 || score[i] > score[j]))
			j = i;
	if (j < 0)
		return KM_OK;			/* never rose */
	out->jump_z = score[j];
	out->jump = s->s[j + 1].f - s->s[j].f;
	out->jump_at = s->s[j + 1].t;
	out->jump_rel = (double) out->jump / (double) (s->s[j].f > 0 ? s->s[j].f : 1);
	if (posts != NULL && posts->n_t > 0)
	{
		out->has_peak = true;
		out->peak_i = posts->peak_i;
		out->peak_at = posts->peak_at;
		if (posts->peak_at <= out->jump_at && posts->peak_at >= s->s[j].t - KM_FOL_PEAK_WINDOW)
			out->explained = fmin(1.0, (double) posts->peak_i / (double) out->jump);
	}
	out->jump_susp = ramp(out->jump_z, KM_FOL_Z0, KM_FOL_Z1) *
		ramp(out->jump_rel, KM_FOL_REL0, KM_FOL_REL1) * (1 - out->explained);
	for (i = j + 1; i < s->n - 1; i++)
	{
		if (s->s[i + 1].t - out->jump_at > KM_FOL_PURGE_WINDOW)
			break;
		if (s->s[i + 1].f < s->s[i].f && (k < 0 || score[i] < score[k]))
			k = i;
	}
	if (k >= 0)
	{
		out->drop_z = score[k];
		out->drop = s->s[k].f - s->s[k + 1].f;
		out->drop_at = s->s[k + 1].t;
		out->drop_rel = (double) out->drop / (double) (s->s[k].f > 0 ? s->s[k].f : 1);
		if (out->jump_z >= KM_FOL_Z0)
			out->purge_susp = ramp(-out->drop_z, KM_FOL_Z0, KM_FOL_Z1) *
				ramp(out->drop_rel, KM_FOL_REL0, KM_FOL_REL1) *
				fmin(1.0, (double) out->drop / (0.2 * (double) out->jump));
	}
	return KM_OK;
}
