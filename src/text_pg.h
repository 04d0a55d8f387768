/*
 * text_pg.h
 *	  The per-backend lexicon automaton of the text functions (text.c).
 */
#ifndef KM_TEXT_PG_H
#define KM_TEXT_PG_H

#include "fmgr.h"

#include "text.h"

typedef struct TextCache
{
	bool		valid;
	MemoryContext cxt;
	Oid			userid;
	bool		builtin;
	int64		version;
	KmMatcher  *m;
	int			nlabels;
	text	  **labels;			/* jurisdiction, brand or content type of a label number */
} TextCache;

/* The automaton as the calling query's snapshot and role see the lexicon tables. */
extern const TextCache *text_cache(FunctionCallInfo fcinfo);

#endif							/* KM_TEXT_PG_H */
