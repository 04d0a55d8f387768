/*
 * fuzz_campaign_text.c
 *	  libFuzzer harness for the campaign_summary text parser.  Property: an
 *	  accepted text prints to a canonical form that parses to an identical
 *	  summary, prints identically again, and survives the binary form.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "campaign.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);
	KmCampaign	s;
	KmCampaign	t;
	KmError		err;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	km_clear(&err);
	if (km_campaign_parse(text, &s, &err) == KM_OK)
	{
		char		out1[KM_CAMP_TEXT_MAX];
		char		out2[KM_CAMP_TEXT_MAX];
		uint8_t		wire[KM_CAMP_WIRE_LEN];

		if (km_campaign_format(&s, out1, sizeof(out1)) < 0)
			abort();
		if (km_campaign_parse(out1, &t, &err) != KM_OK || !km_campaign_equal(&s, &t))
			abort();
		if (km_campaign_format(&t, out2, sizeof(out2)) < 0 || strcmp(out1, out2) != 0)
			abort();
		km_campaign_to_wire(&s, wire);
		if (km_campaign_from_wire(wire, sizeof(wire), &t, &err) != KM_OK || !km_campaign_equal(&s, &t))
			abort();
	}
	else if (err.code == KM_OK || err.detail[0] == '\0')
		abort();				/* a failure must say why */
	free(text);
	return 0;
}
