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

#include "storage/proc.h"

/* Local id of this backend's current top-level transaction (PG17 moved it). */
#if PG_VERSION_NUM >= 170000
#define KM_MY_LXID() (MyProc->vxid.lxid)
#else
#define KM_MY_LXID() (MyProc->lxid)
#endif

/* Tests only: PG16 renamed force_parallel_mode to debug_parallel_query. */

#endif							/* KM_COMPAT_H */
