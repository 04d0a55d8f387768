/* Unit tests of src/core/live.c; expected values worked out by hand. */
#include "km_test.h"
#include "live.h"

#include <string.h>

/* A row with every field present: money in units of 10^-10 with display scale 2. */
static KmLiveRow
full_row(double gmv, int64_t paid, int64_t buyers, int64_t pv, int64_t uv, int64_t peak,
		 int64_t created, double refund, int64_t refund_n)
{
	KmLiveRow	r;
	int			k;

	memset(&r, 0, sizeof(r));
	r.present = KM_LF_ALLBITS;
	for (k = 0; k < KM_LIVE_NMONEY; k++)
		r.money[k].dscale = 2;
	r.money[0].units = (km_i128) (gmv * 100) * 100000000;
	r.money[1].units = (km_i128) (refund * 100) * 100000000;
	r.count[0] = paid;
	r.count[1] = buyers;
	r.count[2] = pv;
	r.count[3] = uv;
	r.count[5] = peak;
	r.count[8] = created;
	r.count[9] = refund_n;
	return r;
}

int
main(void)
{
	KmLive		s;
	KmLive		t;
	KmLiveRow	r;
	KmError		err;
	KmLiveRatioPlan plan;
	KmLiveRatio lr;
	char		text[KM_LIVE_TEXT_MAX];
	uint8_t		packed[KM_LIVE_PACKED_LEN];
	uint8_t		bad[KM_LIVE_PACKED_LEN];

	km_clear(&err);
	km_live_init(&s);

	/* two sessions: gmv 100.00 + 50.50, pv 1000 + 500, peak max(30, 80) = 80 */
	r = full_row(100.00, 4, 3, 1000, 600, 30, 5, 10.00, 1);
	is_int(km_live_check_row(&r, &err), KM_OK, "valid row");
	is_int(km_live_add(&s, &r, &err), KM_OK, "add row 1");
	r = full_row(50.50, 2, 2, 500, 400, 80, 2, 0, 0);
	is_int(km_live_add(&s, &r, &err), KM_OK, "add row 2");
	is_int(s.sessions, 2, "sessions");
	ok(s.money[0] == (km_i128) 15050 * 100000000, "gmv 150.50");
	is_int(s.count[2], 1500, "pv summed");
	is_int(s.count[5], 80, "peak is the maximum");
	km_live_ratio_plan(&s, KM_LR_GPM, &plan);
	ok(plan.defined && plan.num == KM_LF_GMV && plan.den == KM_LF_PV && plan.multiplier == 1000, "gpm plan");

	/* text form: fields in order, money with its scale, absent null */
	ok(km_live_format(&s, text, sizeof(text)) > 0, "format");
	ok(strncmp(text, "(v:1,sessions:2,gmv:150.50,paid_orders:6,buyers:5,pv:1500,uv:1000,", 66) == 0, "text start");
	is_int(km_live_parse(text, &t, &err), KM_OK, "text parses");
	ok(memcmp(&s, &t, sizeof(s)) == 0, "text round trip");
	km_live_pack(&s, packed);
	is_int(packed[0], 1, "version byte");
	is_int(packed[1], 2, "gmv display scale");
	is_int(km_live_unpack(packed, sizeof(packed), &t, &err), KM_OK, "packed reads back");
	ok(memcmp(&s, &t, sizeof(s)) == 0, "packed round trip");

	/* rollup = one pass; combine takes the larger peak */
	t = s;
	is_int(km_live_combine(&t, &s, &err), KM_OK, "combine");
	is_int(t.sessions, 4, "combined sessions");
	is_int(t.count[5], 80, "combined peak");

	/* row rules, naming the values */
	r = full_row(100.00, 4, 3, 1000, 600, 30, 5, 100.01, 1);
	is_int(km_live_check_row(&r, &err), KM_EPARAM, "refund above gmv");
	is_str(err.message, "refund_amount 100.01 exceeds gmv 100.00 in one session", "refund message");
	r = full_row(100.00, 6, 3, 1000, 600, 30, 5, 0, 0);
	is_int(km_live_check_row(&r, &err), KM_EPARAM, "paid above created");
	is_str(err.message, "paid_orders 6 exceeds created_orders 5 in one session", "paid message");
	r = full_row(100.00, 4, 5, 1000, 600, 30, 5, 0, 0);
	is_int(km_live_check_row(&r, &err), KM_EPARAM, "buyers above paid");
	r = full_row(100.00, 4, 3, 1000, 1001, 30, 5, 0, 0);
	is_int(km_live_check_row(&r, &err), KM_EPARAM, "uv above pv");
	r = full_row(100.00, 4, 3, 1000, 600, 30, 5, 0, 5);
	is_int(km_live_check_row(&r, &err), KM_EPARAM, "refunded orders above paid");
	r = full_row(100.00, 4, 3, 1000, 600, -1, 5, 0, 0);
	is_int(km_live_check_row(&r, &err), KM_EPARAM, "negative count");
	is_str(err.message, "peak_viewers must not be negative: -1", "negative message");
	r = full_row(100.00, 4, 3, 1000, 600, 30, 5, 0, 0);
	r.present &= ~KM_LF_BIT(KM_LF_GMV);
	r.money[1].units = (km_i128) 500 * 10000000000LL;
	is_int(km_live_check_row(&r, &err), KM_OK, "refund without gmv is not compared");

	/* overflow of a sum is KM_ERANGE */
	km_live_init(&t);
	r = full_row(1, 0, 0, 0, 0, 0, 0, 0, 0);
	r.count[12] = INT64_MAX;
	is_int(km_live_add(&t, &r, &err), KM_OK, "likes at the limit");
	r.count[12] = 1;
	is_int(km_live_add(&t, &r, &err), KM_ERANGE, "likes overflow");

	/* hostile packed bytes */
	memcpy(bad, packed, sizeof(bad));
	bad[6] = 1;
	is_int(km_live_unpack(bad, sizeof(bad), &t, &err), KM_EBINARY, "reserved byte");
	is_str(err.detail, "Reserved bytes are not zero.", "reserved detail");
	memcpy(bad, packed, sizeof(bad));
	bad[10] = 0x04;				/* presence bit 18 */
	is_int(km_live_unpack(bad, sizeof(bad), &t, &err), KM_EBINARY, "presence bit 18");
	memcpy(bad, packed, sizeof(bad));
	bad[1] = 0;					/* gmv 150.50 with display scale 0 */
	is_int(km_live_unpack(bad, sizeof(bad), &t, &err), KM_EBINARY, "digits beyond the scale");
	is_int(km_live_unpack(packed, sizeof(packed) - 1, &t, &err), KM_EBINARY, "short");

	/* refund basis */
	is_int(km_live_refund_basis("orders", &lr, &err), KM_OK, "orders basis");
	ok(lr == KM_LR_REFUND_ORDERS, "orders ratio");
	is_int(km_live_refund_basis("Amount", &lr, &err), KM_EPARAM, "case matters");
	is_str(err.message, "unknown refund-rate basis \"Amount\"", "basis message");
	return done_testing();
}
