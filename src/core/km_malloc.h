/*
 * km_malloc.h
 *	  A KmAlloc over malloc and free for programs that run the cores outside
 *	  the server: unit tests, fuzz harnesses, benchmarks.  Header only; the
 *	  extension allocates through km_pg_allocator (palloc) instead.
 */
#ifndef KM_MALLOC_H
#define KM_MALLOC_H

#include <stdlib.h>

#include "km_core.h"

/* malloc for the cores. */
static void *
km_malloc_cb(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size);
}

/* free for the cores. */
static void
km_free_cb(void *ctx, void *p)
{
	(void) ctx;
	free(p);
}

static const KmAlloc KM_MALLOC = {km_malloc_cb, km_free_cb, NULL};

#endif							/* KM_MALLOC_H */
