/*
 * profile_int.h
 *	  Internals shared by the kol_profile core files: little-endian readers and
 *	  writers of the stored form, label rendering, the category scale.
 */
#ifndef KM_PROFILE_INT_H
#define KM_PROFILE_INT_H

#include "profile.h"

#include <string.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define KM_LITTLE_ENDIAN 1
#else
#define KM_LITTLE_ENDIAN 0
#endif

static inline uint16_t
km_rd16(const uint8_t *p)
{
	return (uint16_t) (p[0] | (p[1] << 8));
}

static inline uint32_t
km_rd32(const uint8_t *p)
{
	return (uint32_t) p[0] | ((uint32_t) p[1] << 8) |
		((uint32_t) p[2] << 16) | ((uint32_t) p[3] << 24);
}

static inline double
km_rdf64(const uint8_t *p)
{
	uint64_t	u;
	double		d;

#if KM_LITTLE_ENDIAN
	memcpy(&u, p, 8);
#else
	int			i;

	u = 0;
	for (i = 7; i >= 0; i--)
		u = (u << 8) | p[i];
#endif
	memcpy(&d, &u, 8);
	return d;
}

static inline void
km_wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t) v;
	p[1] = (uint8_t) (v >> 8);
}

static inline void
km_wr32(uint8_t *p, uint32_t v)
{
	int			i;

	for (i = 0; i < 4; i++)
		p[i] = (uint8_t) (v >> (8 * i));
}

static inline void
km_wrf64(uint8_t *p, double d)
{
	uint64_t	u;
	int			i;

	memcpy(&u, &d, 8);
	for (i = 0; i < 8; i++)
		p[i] = (uint8_t) (u >> (8 * i));
}

/* Printable, truncated rendering of a label for error details (buflen >= 48). */
extern void km_label_repr(const char *s, size_t len, char *buf, size_t buflen);

/*
 * Scale of n non-negative category weights: *max = the largest, *ss =
 * sum((w_i / max)^2) in the given order (both 0 when max is 0).
 */
extern void km_cat_scale(const double *w, int n, double *max, double *ss);

#endif							/* KM_PROFILE_INT_H */
