/*
 * compat.h
 *	  Every difference between PostgreSQL major versions lives here, so the rest
 *	  of the C code is written once.  Built and tested against PostgreSQL 15.
 */
#ifndef KM_COMPAT_H
#define KM_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 150000
#error "kolmetrics requires PostgreSQL 15 or later"
#endif

/* PG16 renamed force_parallel_mode; only tests care, noted here for reference. */

/* pg_attribute_unused() et al. exist since PG 10; nothing to shim yet. */

#endif							/* KM_COMPAT_H */
