/*
 * km_text.h
 *	  A cursor over the key:value text forms of the summary types
 *	  ("(v:1,n:12,mean_x:2.5,...)"): whitespace between tokens, strict
 *	  integers and finite floats, errors that name what was expected and
 *	  where.  Plain C, no postgres.h.
 */
#ifndef KM_TEXT_H
#define KM_TEXT_H

#include "km_core.h"

/* s: the whole input (for positions), p: the next character, err: where failures go. */
typedef struct KmCursor
{
	const char *s;
	const char *p;
	KmError    *err;
} KmCursor;

/* KM_ESYNTAX: "Expected what" at the cursor's character or the end of input. */
extern KmCode km_cur_syntax(KmCursor *c, const char *what);

/* Move the cursor past whitespace. */
extern void km_cur_skip_ws(KmCursor *c);

/* Consume ch when it is next after whitespace; whether it was. */
extern bool km_cur_eat(KmCursor *c, char ch);

/* "key:" */
extern KmCode km_cur_key(KmCursor *c, const char *key);

/* Consume ch (after whitespace), or a syntax error expecting it. */
extern KmCode km_cur_char(KmCursor *c, char ch);

/* A decimal int64: optional '-', digits, no overflow. */
extern KmCode km_cur_int(KmCursor *c, const char *key, int64_t *out);

/* A finite decimal float: [-+]digits[.digits][e[-+]digits], via strtod. */
extern KmCode km_cur_float(KmCursor *c, const char *key, double *out);

#endif							/* KM_TEXT_H */
