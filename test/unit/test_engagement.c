/* Unit tests of src/core/engagement.c; expected values worked out by hand. */
#include "km_test.h"
#include "engagement.h"

int
main(void)
{
	KmError		err;
	double		r = -1;
	bool		def = false;
	int64_t		sum = -1;
	int64_t		c[KM_ER_NCOUNTERS] = {120, 30, 10, 40, 0};
	bool		p[KM_ER_NCOUNTERS] = {true, true, true, true, true};

	km_clear(&err);
	is_int(km_engagement_rate(34, 1000, &r, &def, &err), KM_OK, "34/1000 ok");
	ok(def, "34/1000 defined");
	is_near(r, 0.034, 0, "34/1000 = 0.034 exactly as double division");
	is_int(km_engagement_rate(5, 0, &r, &def, &err), KM_OK, "base 0 ok");
	ok(!def, "base 0 gives NULL");
	is_int(km_engagement_rate(-1, 10, &r, &def, &err), KM_EPARAM, "negative interactions");
	is_str(err.message, "interactions must not be negative: -1", "message names the value");
	is_int(km_engagement_rate(1, -10, &r, &def, &err), KM_EPARAM, "negative base");

	is_int(km_interactions(c, p, &sum, &err), KM_OK, "sum ok");
	is_int(sum, 200, "120+30+10+40+0 = 200");
	p[3] = false;
	is_int(km_interactions(c, p, &sum, &err), KM_OK, "absent saves ok");
	is_int(sum, 160, "absent saves add nothing: 160");
	c[1] = -3;
	is_int(km_interactions(c, p, &sum, &err), KM_EPARAM, "negative comments");
	is_str(err.message, "comments must not be negative: -3", "names comments");
	c[1] = INT64_MAX;
	is_int(km_interactions(c, p, &sum, &err), KM_ERANGE, "overflow detected");
	c[0] = 0; c[2] = 0; c[4] = 0;
	is_int(km_interactions(c, p, &sum, &err), KM_OK, "INT64_MAX alone fits");
	is_int(sum, INT64_MAX, "sum is INT64_MAX");
	return done_testing();
}
