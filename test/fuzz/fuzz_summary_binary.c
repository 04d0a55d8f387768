/*
 * Fuzz harness: the engagement_summary binary receive (and deserial): the
 * strict reader of its one binary form, km_summary_check, which runs the
 * validator.  Whatever it accepts must survive exercise_accepted(): text
 * round trip, merge and pack back to exactly the input bytes, accessors.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "summary_fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KmError		err;

	km_clear(&err);
	if (km_summary_check(data, size, &KM_MALLOC, &err) == KM_OK)
		exercise_accepted(data, size);
	else if (err.code != KM_EBINARY || err.detail[0] == '\0')
		abort();				/* every refusal is 22P03 with a detail */
	return 0;
}
