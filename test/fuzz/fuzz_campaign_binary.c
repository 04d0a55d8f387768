/*
 * fuzz_campaign_binary.c
 *	  libFuzzer harness for the campaign_summary binary form (recv, deserial)
 *	  and the numeric decoder.  Properties: accepted bytes re-encode to the
 *	  same bytes, print and re-parse to the same summary; combining a summary
 *	  with itself either fails with KM_ERANGE or passes the checks; the numeric
 *	  decoder never reads out of bounds and returns units within range.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "campaign.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KmCampaign	s;
	KmCampaign	t;
	KmError		err;
	KmMoney		m;
	KmMoneyStatus st;
	uint8_t    *copy;

	km_clear(&err);
	if (km_campaign_from_wire(data, size, &s, &err) == KM_OK)
	{
		uint8_t		wire[KM_CAMP_WIRE_LEN];
		char		text[KM_CAMP_TEXT_MAX];

		km_campaign_to_wire(&s, wire);
		if (size != KM_CAMP_WIRE_LEN || memcmp(wire, data, size) != 0)
			abort();
		if (km_campaign_format(&s, text, sizeof(text)) < 0)
			abort();
		if (km_campaign_parse(text, &t, &err) != KM_OK || !km_campaign_equal(&s, &t))
			abort();
		t = s;
		if (km_campaign_combine(&t, &s, &err) == KM_OK)
		{
			if (km_campaign_check(&t, KM_EBINARY, &err) != KM_OK)
				abort();
		}
		else if (err.code != KM_ERANGE)
			abort();
	}

	/* the same bytes as a stored numeric, in an exactly sized heap copy */
	copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	st = km_money_from_numeric(copy, size, &m);
	if (st == KM_MONEY_OK && (m.units < 0 || m.dscale > KM_CAMP_SCALE))
		abort();
	if (st == KM_MONEY_OK)
	{
		char		buf[KM_MONEY_BUFLEN];

		if (km_money_format(m.units, KM_CAMP_SCALE, buf, sizeof(buf)) < 0)
			abort();
	}
	free(copy);
	return 0;
}
