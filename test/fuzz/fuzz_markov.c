/*
 * fuzz_markov.c
 *	  libFuzzer harness for the Markov attribution state reader (the parallel
 *	  deserialise function): any bytes either fail with KM_EBINARY (or
 *	  KM_ELIMIT / KM_ENOMEM) or give a model that writes back to the same
 *	  bytes, merges into an empty model, and yields effects in [0, 1] (or NaN
 *	  without conversions) and a conversion probability in [0, 1].
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attribution.h"
#include "km_malloc.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KmAlloc		a = KM_MALLOC;
	KmMarkov	m,
				e;
	KmError		err;
	size_t		n;
	uint8_t    *out;
	int32_t    *order;
	double	   *eff,
			   *work,
				p;

	km_clear(&err);
	memset(&m, 0, sizeof(m));
	m.a = a;
	if (km_markov_read(data, size, &m, &err) != KM_OK)
	{
		if (err.code != KM_EBINARY && err.code != KM_ELIMIT && err.code != KM_ENOMEM)
			abort();
		if (m.trans != NULL)
			km_markov_free(&m);
		return 0;
	}
	n = km_markov_size(&m);
	out = malloc(n ? n : 1);
	km_markov_write(&m, out);
	if (n != size || memcmp(out, data, n) != 0)
		abort();
	free(out);
	if (km_markov_init(&e, a, &err) != KM_OK || km_markov_combine(&e, &m, &err) != KM_OK)
		abort();
	if (e.paths != m.paths || e.conversions != m.conversions || e.nch != m.nch)
		abort();
	km_markov_free(&e);
	order = malloc(sizeof(int32_t) * (m.nch + 1));
	eff = malloc(sizeof(double) * (m.nch + 1));
	work = malloc(sizeof(double) * km_markov_work_size(m.nch));
	km_markov_effects(&m, order, &p, eff, work);
	if (!(p >= -1e-9 && p <= 1 + 1e-9))
		abort();
	for (int32_t i = 0; i < m.nch; i++)
		if (!isnan(eff[i]) && !(eff[i] >= 0 && eff[i] <= 1))
			abort();
	free(order);
	free(eff);
	free(work);
	km_markov_free(&m);
	return 0;
}
