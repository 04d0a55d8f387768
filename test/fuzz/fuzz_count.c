/*
 * fuzz_count.c
 *	  libFuzzer harness for km_parse_count: any bytes must parse or fail
 *	  cleanly, and a successful parse must be consistent with the grammar.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "count.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KmError		err;
	int64_t		v = -1;
	unsigned	flags = 0;
	KmCode		rc;

	km_clear(&err);
	rc = km_parse_count((const char *) data, size, &v, &flags, &err);
	if (rc == KM_OK)
	{
		if (v < 0 || (flags & ~(unsigned) (KM_COUNT_ROUNDED | KM_COUNT_FLOOR)) != 0)
			abort();
		/* "+" is the only source of the floor flag */
		if ((flags & KM_COUNT_FLOOR) && memchr(data, '+', size) == NULL)
			abort();
	}
	else if (rc != KM_ESYNTAX && rc != KM_ERANGE)
		abort();
	else if (err.detail[0] == '\0')
		abort();
	return 0;
}
