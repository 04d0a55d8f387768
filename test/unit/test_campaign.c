/* Unit tests of src/core/campaign.c; expected values worked out by hand. */
#include "km_test.h"
#include "campaign.h"

/* A PostgreSQL numeric's stored bytes from uint16 words (native byte order). */
static KmMoneyStatus
decode(const uint16_t *words, size_t n, KmMoney *m)
{
	return km_money_from_numeric((const uint8_t *) words, n * 2, m);
}

static const char *
fmt(km_i128 units, int dscale)
{
	static char buf[KM_MONEY_BUFLEN];

	if (km_money_format(units, dscale, buf, sizeof(buf)) < 0)
		return "(error)";
	return buf;
}

int
main(void)
{
	KmMoney		m;
	KmError		err;
	KmCampaign	s;
	KmCampaign	t;
	KmRatioPlan plan;
	KmRatio		r;
	char		text[KM_CAMP_TEXT_MAX];
	uint8_t		wire[KM_CAMP_WIRE_LEN];
	const km_i128 e10 = 10000000000LL;

	km_clear(&err);

	/* --- numeric decoding --- */
	/* 1234.50, short header: 0x8000 | dscale 2 << 7 | weight 0; digits 1234, 5000 */
	{
		uint16_t	w[] = {0x8100, 1234, 5000};

		is_int(decode(w, 3, &m), KM_MONEY_OK, "1234.50 decodes");
		ok(m.units == (km_i128) 12345000000000LL, "1234.50 = 12345000000000 units");
		is_int(m.dscale, 2, "1234.50 has display scale 2");
	}
	/* -7 short: sign bit 0x2000 */
	{
		uint16_t	w[] = {0xA000, 7};

		is_int(decode(w, 2, &m), KM_MONEY_NEGATIVE, "-7 is negative");
		ok(m.units == -7 * e10, "-7 decoded for the message");
	}
	/* zero: short header, no digits */
	{
		uint16_t	w[] = {0x8000};

		is_int(decode(w, 1, &m), KM_MONEY_OK, "0 decodes");
		ok(m.units == 0, "0 units");
	}
	{
		uint16_t	nan[] = {0xC000};
		uint16_t	pinf[] = {0xD000};
		uint16_t	ninf[] = {0xF000};

		is_int(decode(nan, 1, &m), KM_MONEY_NAN, "NaN");
		is_int(decode(pinf, 1, &m), KM_MONEY_INFINITE, "Infinity");
		is_int(decode(ninf, 1, &m), KM_MONEY_INFINITE, "-Infinity");
	}
	/* 0.000000001 long header: dscale 9, weight -3, digit 1000 (decimals 9-12 = 1,0,0,0) */
	{
		uint16_t	w[] = {0x0009, (uint16_t) -3, 1000};

		is_int(decode(w, 3, &m), KM_MONEY_OK, "1e-9 decodes");
		ok(m.units == 10, "1e-9 = 10 units");
		is_int(m.dscale, 9, "display scale 9");
	}
	/* 0.00000000010 (dscale 11): the 11th decimal is 0: accepted, scale capped at 10 */
	{
		uint16_t	w[] = {0x000B, (uint16_t) -3, 100};

		is_int(decode(w, 3, &m), KM_MONEY_OK, "trailing zero beyond 10 places accepted");
		ok(m.units == 1, "1e-10 = 1 unit");
		is_int(m.dscale, 10, "display scale capped at 10");
	}
	/* 0.00000000011: 11th decimal 1 */
	{
		uint16_t	w[] = {0x000B, (uint16_t) -3, 110};
		uint16_t	w2[] = {0x0010, (uint16_t) -4, 1};

		is_int(decode(w, 3, &m), KM_MONEY_TOO_PRECISE, "11th decimal rejected");
		is_int(decode(w2, 3, &m), KM_MONEY_TOO_PRECISE, "a digit below 10^-12 rejected");
	}
	/* 2e28: weight 7, digit 2 -> too large; (2^127 - 1) / 10^10 exactly is the max */
	{
		uint16_t	big[] = {0x0000, 7, 2};
		uint16_t	max[] = {0x000A, 7, 1, 7014, 1183, 4604, 6923, 1731, 6873, 371, 5884, 1057, 2700};
		uint16_t	max1[] = {0x000A, 7, 1, 7014, 1183, 4604, 6923, 1731, 6873, 371, 5884, 1057, 2800};

		is_int(decode(big, 3, &m), KM_MONEY_TOO_LARGE, "2e28 too large");
		is_int(decode(max, 13, &m), KM_MONEY_OK, "largest value accepted");
		ok(m.units == KM_MONEY_MAX, "largest value = 2^127 - 1 units");
		is_int(decode(max1, 13, &m), KM_MONEY_TOO_LARGE, "one unit more is too large");
	}
	/* fast path: 16 digits, last at 10^-8 (weight 1, digits 1234 5678 9012 3456) */
	{
		uint16_t	w[] = {0x0008, 1, 1234, 5678, 9012, 3456};

		is_int(decode(w, 6, &m), KM_MONEY_OK, "12345678.90123456 decodes");
		ok(m.units == (km_i128) 1234567890123456LL * 100, "12345678.90123456 exact");
	}
	{
		uint16_t	bad[] = {0x8000, 10000};
		uint16_t	neg_digit[] = {0x8000, 0x8000};
		uint8_t		one = 0x80;
		uint8_t		odd[3] = {0x00, 0x81, 0x01};

		is_int(decode(bad, 2, &m), KM_MONEY_MALFORMED, "digit 10000 malformed");
		is_int(decode(neg_digit, 2, &m), KM_MONEY_MALFORMED, "negative digit malformed");
		is_int(km_money_from_numeric(&one, 1, &m), KM_MONEY_MALFORMED, "one byte malformed");
		is_int(km_money_from_numeric(odd, 3, &m), KM_MONEY_MALFORMED, "odd length malformed");
		is_int(km_money_from_numeric(odd, 0, &m), KM_MONEY_MALFORMED, "empty malformed");
	}

	/* --- formatting --- */
	is_str(fmt(12345000000000LL, 2), "1234.50", "1234.50");
	is_str(fmt(0, 0), "0", "0");
	is_str(fmt(0, 3), "0.000", "0.000");
	is_str(fmt(1, 10), "0.0000000001", "smallest unit");
	is_str(fmt(-5 * e10, 1), "-5.0", "negative");
	is_str(fmt(KM_MONEY_MAX, 10), "17014118346046923173168730371.5884105727", "largest");
	is_str(fmt(-KM_MONEY_MAX, 10), "-17014118346046923173168730371.5884105727", "most negative");
	is_int(km_money_format(1, 11, text, sizeof(text)), -1, "dscale 11 refused");
	is_int(km_money_format(KM_MONEY_MAX, 10, text, 10), -1, "small buffer refused");

	/* --- adding rows --- */
	{
		KmMoney		money[2] = {{15 * e10, 0}, {2505 * e10 / 100, 2}};
		bool		mp[2] = {true, true};
		int64_t		c[5] = {1000, 50, 30, 4, 1};
		bool		cp[5] = {true, true, true, false, true};

		km_campaign_init(&s);
		is_int(km_campaign_add_row(&s, money, mp, c, cp, &err), KM_OK, "row 1");
		mp[0] = false;
		money[1].units = 1;
		money[1].dscale = 10;
		is_int(km_campaign_add_row(&s, money, mp, c, cp, &err), KM_OK, "row 2");
		is_int(s.rows, 2, "2 rows");
		ok(s.money[0] == 15 * e10, "revenue 15 (NULL in row 2 adds nothing)");
		ok(s.money[1] == 2505 * e10 / 100 + 1, "cost 25.05 + 0.0000000001 = 25.0500000001");
		is_int(s.dscale[1], 10, "cost display scale 10");
		is_int(s.counters[0], 2000, "impressions 2000");
		is_int(s.present, 0x5f, "clicks (bit 5) never present: 0x7f - 0x20 = 0x5f");
		km_campaign_format(&s, text, sizeof(text));
		is_str(text, "v1 rows=2 revenue=15 cost=25.0500000001 impressions=2000 views=100 engagements=60 clicks=null conversions=2",
			   "text form");

		c[2] = -3;
		is_int(km_campaign_add_row(&s, money, mp, c, cp, &err), KM_EPARAM, "negative engagements");
		is_str(err.message, "engagements must not be negative: -3", "names engagements");
		c[2] = 0;
		mp[1] = true;
		money[1].units = -25;
		money[1].dscale = 10;
		is_int(km_campaign_add_row(&s, money, mp, c, cp, &err), KM_EPARAM, "negative cost");
		is_str(err.message, "cost must not be negative: -0.0000000025", "names cost and value");
	}
	{
		KmMoney		money[2] = {{KM_MONEY_MAX, 10}, {0, 0}};
		bool		mp[2] = {true, false};
		int64_t		c[5] = {INT64_MAX, 0, 0, 0, 0};
		bool		cp[5] = {true, false, false, false, false};

		km_campaign_init(&s);
		is_int(km_campaign_add_row(&s, money, mp, c, cp, &err), KM_OK, "max values fit");
		money[0].units = 1;
		cp[0] = false;
		is_int(km_campaign_add_row(&s, money, mp, c, cp, &err), KM_ERANGE, "revenue overflow");
		is_str(err.message, "sum of revenue is out of range for campaign_summary", "revenue overflow message");
		km_campaign_init(&s);
		cp[0] = true;
		mp[0] = false;
		is_int(km_campaign_add_row(&s, money, mp, c, cp, &err), KM_OK, "INT64_MAX impressions");
		c[0] = 1;
		is_int(km_campaign_add_row(&s, money, mp, c, cp, &err), KM_ERANGE, "impressions overflow");
		is_str(err.message, "sum of impressions is out of range for type bigint", "impressions overflow message");
	}

	/* --- parse, check, combine --- */
	is_int(km_campaign_parse("v1 rows=3 revenue=1.5 cost=0.25 impressions=10 views=null engagements=0 clicks=7 conversions=1",
							 &s, &err), KM_OK, "parse");
	is_int(km_campaign_parse(" v1 rows=1 revenue=2.50 cost=null impressions=5 views=4 engagements=null clicks=null conversions=null ",
							 &t, &err), KM_OK, "parse with blanks");
	is_int(km_campaign_combine(&s, &t, &err), KM_OK, "combine");
	km_campaign_format(&s, text, sizeof(text));
	is_str(text, "v1 rows=4 revenue=4.00 cost=0.25 impressions=15 views=4 engagements=0 clicks=7 conversions=1",
		   "combined: 1.5 + 2.50 = 4.00, views present from one side");
	is_int(km_campaign_parse("v1 rows=1 revenue=1.12345678901 cost=null impressions=null views=null engagements=null clicks=null conversions=null",
							 &t, &err), KM_ESYNTAX, "11 decimals is a syntax error");
	is_int(km_campaign_parse("v1 rows=1 revenue=17014118346046923173168730372 cost=null impressions=null views=null engagements=null clicks=null conversions=null",
							 &t, &err), KM_ERANGE, "too large is out of range");
	is_int(km_campaign_parse("v1 rows=0 revenue=0 cost=null impressions=null views=null engagements=null clicks=null conversions=null",
							 &t, &err), KM_ESYNTAX, "value with zero rows");
	is_int(km_campaign_parse("v1 rows=1", &t, &err), KM_ESYNTAX, "truncated");
	is_int(km_campaign_parse("", &t, &err), KM_ESYNTAX, "empty");

	/* --- binary form --- */
	km_campaign_to_wire(&s, wire);
	is_int(wire[0], 1, "version byte");
	is_int(wire[1], 0x7f, "all present");
	is_int(km_campaign_from_wire(wire, sizeof(wire), &t, &err), KM_OK, "wire round trip");
	ok(km_campaign_equal(&s, &t), "wire round trip equal");
	is_int(km_campaign_from_wire(wire, sizeof(wire) - 1, &t, &err), KM_EBINARY, "short wire");
	wire[5] = 1;
	is_int(km_campaign_from_wire(wire, sizeof(wire), &t, &err), KM_EBINARY, "reserved byte");
	wire[5] = 0;
	wire[2] = 1;
	is_int(km_campaign_from_wire(wire, sizeof(wire), &t, &err), KM_OK, "revenue 4.00 shown as 4.0 is valid");
	wire[3] = 1;
	is_int(km_campaign_from_wire(wire, sizeof(wire), &t, &err), KM_EBINARY, "cost 0.25 with scale 1");
	is_str(err.detail, "The sum of cost has more decimal places than its display scale 1.", "scale message");

	/* --- ratios --- */
	km_campaign_ratio_plan(&s, KM_R_ROI, &plan);
	ok(plan.defined && plan.num == KM_CF_REVENUE && plan.den == KM_CF_COST && plan.num_minus_den, "roi plan");
	km_campaign_ratio_plan(&s, KM_R_CPM, &plan);
	ok(plan.defined && plan.multiplier == 1000 && plan.den == KM_CF_IMPRESSIONS, "cpm plan");
	km_campaign_ratio_plan(&s, KM_R_CPE, &plan);
	ok(!plan.defined, "cpe undefined: engagements sum is 0");
	km_campaign_ratio_plan(&s, KM_R_CONV_VIEWS, &plan);
	ok(plan.defined && plan.num == KM_CF_CONVERSIONS && plan.den == KM_CF_VIEWS, "conversion per view");
	km_campaign_init(&t);
	km_campaign_ratio_plan(&t, KM_R_ROAS, &plan);
	ok(!plan.defined, "empty summary: roas undefined");
	is_int(km_conversion_denominator("clicks", &r, &err), KM_OK, "clicks");
	is_int(r, KM_R_CONV_CLICKS, "clicks ratio");
	is_int(km_conversion_denominator("impressions", &r, &err), KM_OK, "impressions");
	is_int(km_conversion_denominator("Clicks", &r, &err), KM_EPARAM, "case matters");
	is_str(err.message, "unknown conversion-rate denominator \"Clicks\"", "unknown name message");
	return done_testing();
}
