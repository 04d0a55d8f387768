/*
 * km_core.h
 *	  Shared definitions of the plain-C cores of kolmetrics.
 *
 * Code under src/core never includes postgres.h and never calls back into the
 * server: it works on plain C structs, reports problems through a KmError, and
 * is unit-tested and fuzzed outside PostgreSQL.  The SQL face (the files in src/) turns a
 * KmError into ereport() with the SQLSTATE that km_sqlstate() names.
 */
#ifndef KM_CORE_H
#define KM_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What went wrong, independent of PostgreSQL; each maps to one SQLSTATE. */
typedef enum KmCode
{
	KM_OK = 0,
	KM_ESYNTAX,					/* 22P02 invalid_text_representation */
	KM_EBINARY,					/* 22P03 invalid_binary_representation */
	KM_ERANGE,					/* 22003 numeric_value_out_of_range */
	KM_EPARAM,					/* 22023 invalid_parameter_value */
	KM_ELIMIT,					/* 54000 program_limit_exceeded */
	KM_ENOMEM					/* 53200 out_of_memory */
} KmCode;

#define KM_DETAIL_LEN 256

/*
 * An error of a core function.  The core fills one of two fields and the SQL
 * glue prints whichever is there (km_raise): message, in PostgreSQL's errmsg
 * style naming the bad value, for argument checks ("followers must not be
 * negative: -5": km_fail_msg); or detail, a full sentence under a message the
 * glue writes, for parsers and validators ("invalid input syntax for type X",
 * detail "Expected \"v:\" at character 2.": km_fail).
 */
typedef struct KmError
{
	KmCode		code;
	char		message[KM_DETAIL_LEN];
	char		detail[KM_DETAIL_LEN];
} KmError;

/*
 * Memory for cores that must grow a buffer: the server passes palloc in the
 * aggregate's context, tests pass malloc.  alloc returns NULL on failure (or
 * does not return at all).
 */
typedef struct KmAlloc
{
	void	   *(*alloc) (void *ctx, size_t size);
	void		(*free) (void *ctx, void *ptr);
	void	   *ctx;
} KmAlloc;

/* A small hot helper the compiler must inline (the merge of a rollup row). */
#define KM_ALWAYS_INLINE inline __attribute__((always_inline))

/* Record an error with a printf-style detail sentence; returns the code. */
extern KmCode km_fail(KmError *err, KmCode code, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

/* Record an error with a printf-style message (argument checks); returns the code. */
extern KmCode km_fail_msg(KmError *err, KmCode code, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

/*
 * The length in bytes of the longest prefix of s (NUL-terminated) that is at
 * most max bytes long and ends on a UTF-8 character boundary.  Use it instead
 * of a bare "%.40s" when quoting a value: "%.*s", km_utf8_cut(s, 40), s.
 */
extern int	km_utf8_cut(const char *s, size_t max);

/*
 * Make a NUL-terminated string valid UTF-8 in place: a character cut at the
 * end is dropped and every byte that does not start or continue a valid
 * sequence (overlong forms, surrogates, values past U+10FFFF) becomes '?'.
 */
extern void km_utf8_sanitize(char *s);

/*
 * The byte length of the shortest-form UTF-8 sequence (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF) of 2 to 4 bytes at p, of which
 * left bytes may be read, or 0 when p does not start one (ASCII included).
 * Bytes are read in order and the first bad one stops it, so a NUL-terminated
 * string may pass left = 4.
 */
static inline int
km_utf8_len(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];

	if (c >= 0xC2 && c <= 0xDF)
		return (left >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF)
	{
		unsigned char lo = (c == 0xE0) ? 0xA0 : 0x80,
					hi = (c == 0xED) ? 0x9F : 0xBF;

		return (left >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80) ? 3 : 0;
	}
	if (c >= 0xF0 && c <= 0xF4)
	{
		unsigned char lo = (c == 0xF0) ? 0x90 : 0x80,
					hi = (c == 0xF4) ? 0x8F : 0xBF;

		return (left >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
				(p[3] & 0xC0) == 0x80) ? 4 : 0;
	}
	return 0;
}

/* Reset an error to KM_OK. */
static inline void
km_clear(KmError *err)
{
	err->code = KM_OK;
	err->message[0] = '\0';
	err->detail[0] = '\0';
}

/* Overflow-checked 64-bit arithmetic: true when the result overflowed. */
static inline bool
km_add_i64_overflow(int64_t a, int64_t b, int64_t *res)
{
	return __builtin_add_overflow(a, b, res);
}

/* a * b into *res; true when it overflowed. */
static inline bool
km_mul_i64_overflow(int64_t a, int64_t b, int64_t *res)
{
	return __builtin_mul_overflow(a, b, res);
}

#endif							/* KM_CORE_H */
