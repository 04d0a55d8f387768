/*
 * km_flat.h
 *	  One codec for fixed-layout records of 64-bit integers and doubles (the
 *	  authenticity summaries): a record is described by a table of fields
 *	  (name, kind, element count, offset), and the table drives the packed
 *	  form (version byte, three zero bytes, then every element little-endian,
 *	  8 bytes each), the text form "(v:1,key:value,...,key:[a,b],key:{i:c,...})"
 *	  and their readers.  Readers check lengths, the version, the reserved
 *	  bytes, syntax and finiteness; the record's own invariants are checked
 *	  by the caller's validator.  Plain C, no postgres.h.
 */
#ifndef KM_FLAT_H
#define KM_FLAT_H

#include "km_core.h"

typedef enum KmFlatKind
{
	KM_FLAT_I64,				/* int64_t */
	KM_FLAT_F64,				/* double, finite; negative zero stored as 0 */
	KM_FLAT_SPARSE				/* int64_t[count] >= 0, text lists only the non-zero ones {i:c} */
} KmFlatKind;

typedef struct KmFlatField
{
	const char *name;
	KmFlatKind	kind;
	uint16_t	count;			/* elements; > 1 is written [a,b,...] (or {i:c} when sparse) */
	size_t		offset;			/* of the first element in the record */
} KmFlatField;

typedef struct KmFlatType
{
	const char *name;			/* type name, for messages */
	uint8_t		version;
	const KmFlatField *fields;
	int			nfields;
} KmFlatType;

#define KM_FLAT_HEADER 4

/* Bytes of the packed form. */
extern size_t km_flat_len(const KmFlatType *t);
/* Longest text form (with its NUL). */
extern size_t km_flat_text_max(const KmFlatType *t);

extern void km_flat_pack(const KmFlatType *t, const void *rec, uint8_t *buf);
/* Read exactly km_flat_len bytes into rec; KM_EBINARY with a detail sentence. */
extern KmCode km_flat_unpack(const KmFlatType *t, const uint8_t *buf, size_t len, void *rec,
							 KmError *err);
extern void km_flat_format(const KmFlatType *t, const void *rec, char *out, size_t size);
/* Parse the whole text into rec (zeroed first); KM_ESYNTAX with a detail sentence. */
extern KmCode km_flat_parse(const KmFlatType *t, const char *str, void *rec, KmError *err);

#endif							/* KM_FLAT_H */
