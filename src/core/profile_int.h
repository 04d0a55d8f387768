/*
 * profile_int.h
 *	  Internals shared by the kol_profile core files: label rendering and the
 *	  category scale (byte order: km_bytes.h).
 */
#ifndef KM_PROFILE_INT_H
#define KM_PROFILE_INT_H

#include "profile.h"
#include "km_bytes.h"

#include <string.h>

/* Printable, truncated rendering of a label for error details (buflen >= 48). */
extern void km_label_repr(const char *s, size_t len, char *buf, size_t buflen);

/*
 * Scale of n non-negative category weights: *max = the largest, *ss =
 * sum((w_i / max)^2) in the given order (both 0 when max is 0).
 */
extern void km_cat_scale(const double *w, int n, double *max, double *ss);

#endif							/* KM_PROFILE_INT_H */
