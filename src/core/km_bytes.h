/*
 * km_bytes.h
 *	  The one place that reads and writes fixed-width integers and doubles in
 *	  the stored and wire forms, whatever the host's byte order and alignment:
 *	  little-endian (kol_profile, engagement_summary's packed form) and
 *	  big-endian (campaign_summary, the network order of send/recv).
 */
#ifndef KM_BYTES_H
#define KM_BYTES_H

#include <stdint.h>
#include <string.h>

/* Little-endian 16-bit unsigned at p. */
static inline uint16_t
km_rd16(const uint8_t *p)
{
	return (uint16_t) (p[0] | (p[1] << 8));
}

/* Little-endian 32-bit unsigned at p. */
static inline uint32_t
km_rd32(const uint8_t *p)
{
	return (uint32_t) p[0] | ((uint32_t) p[1] << 8) |
		((uint32_t) p[2] << 16) | ((uint32_t) p[3] << 24);
}

/* Little-endian 64-bit unsigned at p. */
static inline uint64_t
km_rd64(const uint8_t *p)
{
	uint64_t	u = 0;
	int			i;

	for (i = 7; i >= 0; i--)
		u = (u << 8) | p[i];
	return u;
}

/* Little-endian IEEE double at p. */
static inline double
km_rdf64(const uint8_t *p)
{
	uint64_t	u = km_rd64(p);
	double		d;

	memcpy(&d, &u, 8);
	return d;
}

/* Store v little-endian at p (2 bytes). */
static inline void
km_wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t) v;
	p[1] = (uint8_t) (v >> 8);
}

/* Store v little-endian at p (4 bytes). */
static inline void
km_wr32(uint8_t *p, uint32_t v)
{
	int			i;

	for (i = 0; i < 4; i++)
		p[i] = (uint8_t) (v >> (8 * i));
}

/* Store v little-endian at p (8 bytes). */
static inline void
km_wr64(uint8_t *p, uint64_t v)
{
	int			i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t) (v >> (8 * i));
}

/* Store d little-endian at p (its IEEE bits, 8 bytes). */
static inline void
km_wrf64(uint8_t *p, double d)
{
	uint64_t	u;

	memcpy(&u, &d, 8);
	km_wr64(p, u);
}

/* Big-endian (network order) 64-bit unsigned at p. */
static inline uint64_t
km_rd64_be(const uint8_t *p)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

/* Store v big-endian (network order) at p (8 bytes). */
static inline void
km_wr64_be(uint8_t *p, uint64_t v)
{
	int			i;

	for (i = 7; i >= 0; i--)
	{
		p[i] = (uint8_t) (v & 0xFF);
		v >>= 8;
	}
}

#endif							/* KM_BYTES_H */
