/*
 * ingest_time.c
 *	  Timestamps as platforms write them (ISO 8601, Weibo's ctime-like
 *	  strings, Unix seconds or milliseconds) to Unix microseconds.
 */
#include "ingest_int.h"

#include <string.h>

#define MAX_EPOCH_S INT64_C(253402300799)	/* 9999-12-31 23:59:59 UTC */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's algorithm). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Days in month m (1-12) of year y, leap years included. */
static int
days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* n decimal digits at *p (advanced); -1 when not all digits. */
static int
digits(const char **p, const char *end, int n)
{
	int			v = 0;

	if (end - *p < n)
		return -1;
	while (n-- > 0)
	{
		if (**p < '0' || **p > '9')
			return -1;
		v = v * 10 + (*(*p)++ - '0');
	}
	return v;
}

/* "Z", "+08:00", "+0800", "+08", or nothing (then *has = false). */
static bool
zone(const char **p, const char *end, int *offset_s, bool *has)
{
	int			sign,
				hh,
				mm = 0;

	*has = false;
	if (*p == end)
		return true;
	if (**p == 'Z' || **p == 'z')
	{
		(*p)++;
		*offset_s = 0;
		*has = true;
		return true;
	}
	if (**p != '+' && **p != '-')
		return false;
	sign = (**p == '-') ? -1 : 1;
	(*p)++;
	if ((hh = digits(p, end, 2)) < 0 || hh > 23)
		return false;
	if (*p < end && **p == ':')
		(*p)++;
	if (*p < end && (mm = digits(p, end, 2)) < 0)
		return false;
	if (mm > 59)
		return false;
	*offset_s = sign * (hh * 3600 + mm * 60);
	*has = true;
	return true;
}

/* Date and time fields at UTC offset offset_s to Unix microseconds; false when
 * a field is out of range. */
static bool
assemble(int y, int mo, int d, int h, int mi, int s, int64_t frac_us,
		 int offset_s, int64_t *us)
{
	int64_t		secs;

	if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
		d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 60)
		return false;
	secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset_s;
	*us = secs * 1000000 + frac_us;
	return true;
}

/* ISO 8601 "YYYY-MM-DD[Thh:mm[:ss[.f]][zone]]" to *us, a naive time at
 * default_offset_s; false when malformed. */
static bool
parse_iso(const char *p, const char *end, int default_offset_s, int64_t *us)
{
	int			y,
				mo,
				d,
				h = 0,
				mi = 0,
				s = 0,
				off = default_offset_s;
	int64_t		frac = 0;
	bool		has;

	if ((y = digits(&p, end, 4)) < 0 || p == end || *p++ != '-' ||
		(mo = digits(&p, end, 2)) < 0 || p == end || *p++ != '-' ||
		(d = digits(&p, end, 2)) < 0)
		return false;
	if (p < end && (*p == 'T' || *p == 't' || *p == ' '))
	{
		p++;
		if ((h = digits(&p, end, 2)) < 0 || p == end || *p++ != ':' ||
			(mi = digits(&p, end, 2)) < 0)
			return false;
		if (p < end && *p == ':')
		{
			p++;
			if ((s = digits(&p, end, 2)) < 0)
				return false;
			if (p < end && *p == '.')
			{
				int64_t		scale = 100000;

				p++;
				if (p == end || *p < '0' || *p > '9')
					return false;
				while (p < end && *p >= '0' && *p <= '9')
				{
					frac += (*p++ - '0') * scale;
					scale /= 10;
				}
			}
		}
		if (!zone(&p, end, &off, &has))
			return false;
		if (!has)
			off = default_offset_s;
	}
	if (p != end)
		return false;
	return assemble(y, mo, d, h, mi, s, frac, off, us);
}

/* Weibo: "Tue Jun 08 09:35:04 +0800 2021" */
static bool
parse_weibo(const char *p, const char *end, int64_t *us)
{
	static const char *const mons = "JanFebMarAprMayJunJulAugSepOctNovDec";
	int			mo = 0,
				d,
				h,
				mi,
				s,
				y,
				off;
	bool		has;
	int			i;

	if (end - p != 30 || p[3] != ' ' || p[7] != ' ')
		return false;
	for (i = 0; i < 12; i++)
		if (memcmp(p + 4, mons + 3 * i, 3) == 0)
			mo = i + 1;
	if (mo == 0)
		return false;
	p += 8;
	if ((d = digits(&p, end, 2)) < 0 || *p++ != ' ' ||
		(h = digits(&p, end, 2)) < 0 || *p++ != ':' ||
		(mi = digits(&p, end, 2)) < 0 || *p++ != ':' ||
		(s = digits(&p, end, 2)) < 0 || *p++ != ' ')
		return false;
	if (!zone(&p, p + 5, &off, &has) || !has || *p++ != ' ' ||
		(y = digits(&p, end, 4)) < 0 || p != end)
		return false;
	return assemble(y, mo, d, h, mi, s, 0, off, us);
}

/* Unix seconds, or milliseconds from 10^11 on, to *us; false when negative or
 * past year 9999. */
static bool
epoch_to_us(int64_t v, int64_t *us)
{
	if (v < 0)
		return false;
	if (v >= INT64_C(100000000000))
	{
		/* milliseconds */
		if (v / 1000 > MAX_EPOCH_S)
			return false;
		*us = v * 1000;
		return true;
	}
	*us = v * 1000000;
	return true;
}

bool
km_parse_time(const char *s, size_t len, int default_offset_s, int64_t *us)
{
	const char *end = s + len;

	while (s < end && *s == ' ')
		s++;
	while (end > s && end[-1] == ' ')
		end--;
	if (s == end)
		return false;
	if (end - s <= 15)
	{
		const char *p = s;
		int64_t		v = 0;

		while (p < end && *p >= '0' && *p <= '9')
			v = v * 10 + (*p++ - '0');
		if (p == end)
			return epoch_to_us(v, us);
	}
	if (*s >= '0' && *s <= '9')
		return parse_iso(s, end, default_offset_s, us);
	return parse_weibo(s, end, us);
}

void
km_take_time(KmMap *m, const KmJ *v)
{
	int64_t		us;

	if (v == NULL)
		return;
	switch (kj_type(v))
	{
		case KJ_INT:
			if (epoch_to_us(kj_int64(v), &us))
			{
				m->post->has_posted_at = true;
				m->post->posted_at_us = us;
			}
			break;
		case KJ_STRING:
			if (km_parse_time(kj_str(v),
							  (size_t) kj_len(v),
							  m->tz_offset_s, &us))
			{
				m->post->has_posted_at = true;
				m->post->posted_at_us = us;
			}
			break;
		default:
			break;
	}
}

