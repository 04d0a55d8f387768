/*
 * Fuzz harness: the engagement_summary text parser and validator
 * (km_summary_parse).  Whatever parses is packed bytes that must survive
 * exercise_accepted(): the strict reader, text round trip, merge and pack
 * back to the same bytes, accessors.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "summary_fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str = malloc(size + 1);
	uint8_t    *buf = NULL;
	size_t		len = 0;
	KmError		err;

	memcpy(str, data, size);
	str[size] = '\0';
	km_clear(&err);
	if (km_summary_parse(str, &KM_MALLOC, &buf, &len, &err) == KM_OK)
	{
		exercise_accepted(buf, len);
		free(buf);
	}
	else if (err.code != KM_ESYNTAX || err.detail[0] == '\0')
		abort();				/* every refusal is 22P02 with a detail */
	free(str);
	return 0;
}
