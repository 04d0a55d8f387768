/*
 * test_attribution.c
 *	  Unit tests of src/core/attribution.c and attribution_markov.c.  Expected
 *	  values by hand (worked in sql/attribution.sql).
 */
#include <stdlib.h>

#include "km_test.h"

#include "attribution.h"
#include "km_malloc.h"

/* The largest-remainder split and the position weights. */
static void
test_rules(void)
{
	uint64_t	w[5] = {1, 1, 1, 0, 0};
	km_i128		out[5],
				rem[5];
	size_t		order[5];
	KmTouch		t[5];
	double		share[5];
	int64_t		shares[3] = {4000000000LL, 2000000000LL, 4000000000LL};
	KmAttrModel m;
	KmError		err;

	km_attr_apportion(100, w, 3, out, order, rem);
	ok(out[0] == 33 && out[1] == 33 && out[2] == 34, "linear 100 over 3: 33, 33, 34");
	for (int i = 0; i < 5; i++)
	{
		t[i].t = 5 - i;
		t[i].index = i;
	}
	km_attr_sort(t, 5);
	ok(t[0].index == 4 && t[4].index == 0, "sorted by time");
	km_attr_weights(KM_AM_POSITION, t, 5, 1, shares, w, share);
	km_attr_apportion(100, w, 5, out, order, rem);
	ok(out[0] == 40 && out[1] == 6 && out[2] == 7 && out[3] == 7 && out[4] == 40,
	   "position 100 over 5: 40, 6, 7, 7, 40");
	is_near(share[1], 0.2 / 3, 1e-15, "middle share 0.2 / 3");
	km_clear(&err);
	is_int(km_attr_model("time_decay", &m, &err), KM_OK, "model name");
	is_int(m, KM_AM_TIME_DECAY, "time_decay");
	is_int(km_attr_model("Linear", &m, &err), KM_EPARAM, "names are exact");
}

/* The three-channel example: P = 0.6, effects 1/2, 5/9, 2/3. */
static void
test_markov(void)
{
	KmAlloc		a = KM_MALLOC;
	KmMarkov	m,
				r;
	KmError		err;
	const char *paths[5][2] = {{"A", "B"}, {"A", NULL}, {"B", "C"}, {"C", NULL}, {"A", "C"}};
	const bool	conv[5] = {true, false, true, false, true};
	int32_t		ids[2],
				order[3];
	double		eff[3],
				p,
			   *work;
	uint8_t    *buf;
	KmMoney		v = {0, 0};

	km_clear(&err);
	is_int(km_markov_init(&m, a, &err), KM_OK, "init");
	for (int i = 0; i < 5; i++)
	{
		size_t		n = paths[i][1] ? 2 : 1;

		for (size_t j = 0; j < n; j++)
			km_markov_channel(&m, paths[i][j], 1, &ids[j], &err);
		is_int(km_markov_add(&m, ids, n, conv[i], false, &v, &err), KM_OK, "path added");
	}
	buf = malloc(km_markov_size(&m));
	km_markov_write(&m, buf);
	memset(&r, 0, sizeof(r));
	r.a = a;
	is_int(km_markov_read(buf, km_markov_size(&m), &r, &err), KM_OK, "reads back");
	buf[8] ^= 1;				/* paths no longer match the start's transitions */
	km_markov_free(&r);
	memset(&r, 0, sizeof(r));
	r.a = a;
	is_int(km_markov_read(buf, km_markov_size(&m), &r, &err), KM_EBINARY, "totals checked");
	km_markov_free(&r);
	free(buf);
	work = malloc(km_markov_work_size(3) * sizeof(double));
	km_markov_effects(&m, order, &p, eff, work);
	is_near(p, 0.6, 1e-15, "P(conversion) = 0.6");
	is_near(eff[0], 0.5, 1e-15, "A: 1/2");
	is_near(eff[1], 5.0 / 9, 1e-15, "B: 5/9");
	is_near(eff[2], 2.0 / 3, 1e-15, "C: 2/3");
	free(work);
	km_markov_free(&m);
}

int
main(void)
{
	test_rules();
	test_markov();
	printf("1..%d\n", km_t_run);
	return km_t_failed != 0;
}
