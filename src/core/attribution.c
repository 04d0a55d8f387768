/*
 * attribution.c
 *	  The rule-based attribution models: integer weights of a conversion's
 *	  touchpoints and the exact largest-remainder split of its value
 *	  (doc/attribution.md).
 */
#include "attribution.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const km_attr_model_names[KM_AM_N] = {
	"last_touch", "first_touch", "linear", "time_decay", "position"
};

/* The model of a name (exact, lower case); KM_EPARAM naming it otherwise. */
KmCode
km_attr_model(const char *name, KmAttrModel *m, KmError *err)
{
	for (int i = 0; i < KM_AM_N; i++)
		if (strcmp(name, km_attr_model_names[i]) == 0)
		{
			*m = (KmAttrModel) i;
			return KM_OK;
		}
	return km_fail_msg(err, KM_EPARAM, "unknown attribution model: \"%.*s\"",
					   km_utf8_cut(name, 64), name);
}

/* qsort order of touchpoints: time, then index. */
static int
touch_cmp(const void *a, const void *b)
{
	const KmTouch *x = a,
			   *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/* Sort touchpoints by time, then index. */
void
km_attr_sort(KmTouch *t, size_t n)
{
	qsort(t, n, sizeof(KmTouch), touch_cmp);
}

/* The weights of a model over sorted touchpoints (see attribution.h). */
void
km_attr_weights(KmAttrModel m, const KmTouch *t, size_t n,
				double half_life_us, const int64_t shares[3],
				uint64_t *w, double *share)
{
	double		sum = 0;

	for (size_t i = 0; i < n; i++)
		w[i] = 0;
	switch (m)
	{
		case KM_AM_LAST_TOUCH:
			w[n - 1] = 1;
			break;
		case KM_AM_FIRST_TOUCH:
			w[0] = 1;
			break;
		case KM_AM_LINEAR:
			for (size_t i = 0; i < n; i++)
				w[i] = 1;
			break;
		case KM_AM_TIME_DECAY:
			for (size_t i = 0; i < n; i++)
			{
				double		x = (double) (t[n - 1].t - t[i].t) / half_life_us;

				w[i] = (uint64_t) rint(ldexp(pow(2.0, -x), KM_ATTR_DECAY_BITS));
			}
			break;
		case KM_AM_POSITION:
			if (n == 1)
				w[0] = 1;
			else if (n == 2)
			{
				w[0] = (uint64_t) shares[0];
				w[1] = (uint64_t) shares[2];
				if (w[0] == 0 && w[1] == 0)
					w[0] = w[1] = 1;
			}
			else
			{
				w[0] = (uint64_t) shares[0] * (n - 2);
				w[n - 1] = (uint64_t) shares[2] * (n - 2);
				for (size_t i = 1; i + 1 < n; i++)
					w[i] = (uint64_t) shares[1];
			}
			break;
		case KM_AM_N:
			break;
	}
	for (size_t i = 0; i < n; i++)
		sum += (double) w[i];
	for (size_t i = 0; i < n; i++)
		share[i] = (double) w[i] / sum;
}

/* Remainders to sort: the scratch arrays of one apportionment. */
static const km_i128 *sort_rem;

/* qsort order of positions: larger remainder first, then later position. */
static int
rem_cmp(const void *a, const void *b)
{
	size_t		x = *(const size_t *) a,
				y = *(const size_t *) b;

	if (sort_rem[x] != sort_rem[y])
		return sort_rem[x] > sort_rem[y] ? -1 : 1;
	return (x < y) - (x > y);
}

/* Largest-remainder split of total over the weights (see attribution.h). */
void
km_attr_apportion(km_i128 total, const uint64_t *w, size_t n,
				  km_i128 *out, size_t *order, km_i128 *rem)
{
	km_i128		sum = 0,
				given = 0,
				q,
				r,
				left;

	for (size_t i = 0; i < n; i++)
		sum += (km_i128) w[i];
	/* total * w / sum = q * w + r * w / sum, with r * w < sum * max w */
	q = total / sum;
	r = total % sum;
	for (size_t i = 0; i < n; i++)
	{
		km_i128		rw = r * (km_i128) w[i];

		out[i] = q * (km_i128) w[i] + rw / sum;
		rem[i] = rw % sum;
		given += out[i];
		order[i] = i;
	}
	left = total - given;
	if (left == 0)
		return;
	sort_rem = rem;
	qsort(order, n, sizeof(size_t), rem_cmp);
	for (size_t i = 0; i < (size_t) left; i++)
		out[order[i]] += 1;
}
