/*
 * profile_json.c
 *	  kol_profile JSON text in (through json-c) and out (canonical form).
 *
 * json-c 0.16 builds the tree but is lenient where RFC 8259 is not, even with
 * JSON_TOKENER_STRICT: it accepts NaN, Infinity, single-quoted strings and
 * "1.", saturates integers beyond 64 bits, and silently keeps the last of
 * duplicate keys.  So after json-c has accepted the text, a strict scanner
 * walks the text once more with the cores' JSON lexer (json_lex.h, no
 * relaxing flags): it enforces the RFC grammar of strings, numbers and
 * literals, limits keys per object, and rejects duplicate keys (compared
 * after unescaping, so "a" and "\u0061" are the same key).
 */
#include "profile.h"
#include "profile_int.h"
#include "json_lex.h"

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATHLEN 160
#define KEYS_PER_LEVEL (KM_PROFILE_MAX_ENTRIES + 1)

typedef struct KeyRef
{
	const char *s;				/* decoded key (raw text when no escapes) */
	size_t		len;
	char	   *owned;			/* malloc'd decoding, or NULL */
} KeyRef;

typedef struct Scan
{
	KmJLex		lx;				/* strict: no KJ_LEX_* flags */
	KeyRef	   *keys;			/* (KM_PROFILE_MAX_DEPTH + 1) x KEYS_PER_LEVEL */
	KmError    *err;
} Scan;

static KmCode scan_value(Scan *sc, int depth, const char *where);

/* The next byte after whitespace is c (and is consumed). */
static bool
accept_byte(Scan *sc, int c)
{
	if (km_jlex_peek(&sc->lx) != c)
		return false;
	sc->lx.pos++;
	return true;
}

/* Scan the key string at the lexer's position and decode it into *key. */
static KmCode
scan_key(Scan *sc, KeyRef *key)
{
	KmJToken	t;
	size_t		at;

	if (km_jlex_string(&sc->lx, &t) != KJT_STRING)
		return km_jlex_fail(&t, sc->err);
	at = km_jlex_body(&t, &key->len);
	key->owned = NULL;
	key->s = sc->lx.s + at;
	if (t.escaped)
	{
		/* decoded text is never longer than the raw text */
		char	   *o = malloc(key->len + 1);

		if (o == NULL)
			return km_fail(sc->err, KM_ENOMEM, "Out of memory.");
		key->len = km_jlex_unescape(key->s, key->len, o);
		key->owned = o;
		key->s = o;
	}
	return KM_OK;
}

/* qsort comparator of decoded object keys. */
static int
keyref_cmp(const void *x, const void *y)
{
	const KeyRef *a = x;
	const KeyRef *b = y;

	return km_label_cmp(a->s, a->len, b->s, b->len);
}

/* Scan an object: keys at most KM_PROFILE_MAX_ENTRIES, no duplicates. */
static KmCode
scan_object(Scan *sc, int depth, const char *where)
{
	KmJLex	   *lx = &sc->lx;
	KeyRef	   *keys = sc->keys + (size_t) depth * KEYS_PER_LEVEL;
	int			nkeys = 0;
	KmCode		rc = KM_OK;
	char		child[PATHLEN];
	char		repr[48];
	int			i;

	lx->pos++;					/* '{' */
	if (accept_byte(sc, '}'))
		return KM_OK;
	for (;;)
	{
		KeyRef	   *k;

		if (km_jlex_peek(lx) != '"')
		{
			rc = km_fail(sc->err, KM_ESYNTAX, "Expected a key in double quotes at offset %zu.", lx->pos);
			break;
		}
		if (nkeys >= KM_PROFILE_MAX_ENTRIES)
		{
			rc = km_fail(sc->err, KM_ESYNTAX, "\"%s\" has more than %d keys.",
						 where, KM_PROFILE_MAX_ENTRIES);
			break;
		}
		k = &keys[nkeys];
		if ((rc = scan_key(sc, k)) != KM_OK)
			break;
		nkeys++;
		if (!accept_byte(sc, ':'))
		{
			rc = km_fail(sc->err, KM_ESYNTAX, "Expected \":\" at offset %zu.", lx->pos);
			break;
		}
		km_label_repr(k->s, k->len, repr, sizeof(repr));
		if (depth == 0)
			snprintf(child, sizeof(child), "%s", repr);
		else
			snprintf(child, sizeof(child), "%s.%s", where, repr);
		if ((rc = scan_value(sc, depth + 1, child)) != KM_OK)
			break;
		if (accept_byte(sc, ','))
			continue;
		if (accept_byte(sc, '}'))
			break;
		rc = km_fail(sc->err, KM_ESYNTAX, "Expected \",\" or \"}\" at offset %zu.", lx->pos);
		break;
	}
	if (rc == KM_OK)
	{
		qsort(keys, nkeys, sizeof(KeyRef), keyref_cmp);
		for (i = 1; i < nkeys; i++)
			if (keyref_cmp(&keys[i - 1], &keys[i]) == 0)
			{
				km_label_repr(keys[i].s, keys[i].len, repr, sizeof(repr));
				if (depth == 0)
					rc = km_fail(sc->err, KM_ESYNTAX,
								 "Duplicate key \"%s\" at the top level.", repr);
				else
					rc = km_fail(sc->err, KM_ESYNTAX,
								 "Duplicate key \"%s\" in \"%s\".", repr, where);
				break;
			}
	}
	for (i = 0; i < nkeys; i++)
		free(keys[i].owned);
	return rc;
}

/* Scan an array at the lexer's position. */
static KmCode
scan_array(Scan *sc, int depth, const char *where)
{
	char		child[PATHLEN];

	snprintf(child, sizeof(child), "%s[]", where);
	sc->lx.pos++;				/* '[' */
	if (accept_byte(sc, ']'))
		return KM_OK;
	for (;;)
	{
		if (scan_value(sc, depth + 1, child) != KM_OK)
			return sc->err->code;
		if (accept_byte(sc, ','))
			continue;
		if (accept_byte(sc, ']'))
			return KM_OK;
		return km_fail(sc->err, KM_ESYNTAX, "Expected \",\" or \"]\" at offset %zu.", sc->lx.pos);
	}
}

/* Scan one JSON value of any kind at the lexer's position. */
static KmCode
scan_value(Scan *sc, int depth, const char *where)
{
	KmJToken	t;
	int			c;

	if (depth > KM_PROFILE_MAX_DEPTH)
		return km_fail(sc->err, KM_ESYNTAX, "The JSON is nested more than %d levels deep.",
					   KM_PROFILE_MAX_DEPTH);
	c = km_jlex_peek(&sc->lx);
	if (c < 0)
		return km_fail(sc->err, KM_ESYNTAX, "The JSON text ends unexpectedly.");
	if (c == '{')
		return scan_object(sc, depth, where);
	if (c == '[')
		return scan_array(sc, depth, where);
	switch (km_jlex_next(&sc->lx, &t))
	{
		case KJT_STRING:
		case KJT_NUMBER:
		case KJT_TRUE:
		case KJT_FALSE:
		case KJT_NULL:
			return KM_OK;
		case KJT_ERROR:
			return km_jlex_fail(&t, sc->err);
		default:				/* a structural character where a value belongs */
			return km_fail(sc->err, KM_ESYNTAX, "Unexpected character at offset %zu.", t.start);
	}
}

/* Run the strict scanner over the whole text. */
static KmCode
strict_scan(const char *text, size_t len, KmError *err)
{
	Scan		sc;
	KmCode		rc;

	km_jlex_init(&sc.lx, text, len, 0);
	sc.err = err;
	sc.keys = malloc(sizeof(KeyRef) * KEYS_PER_LEVEL * (KM_PROFILE_MAX_DEPTH + 1));
	if (sc.keys == NULL)
		return km_fail(err, KM_ENOMEM, "Out of memory.");
	rc = scan_value(&sc, 0, "");
	if (rc == KM_OK && km_jlex_peek(&sc.lx) >= 0)
		rc = km_fail(err, KM_ESYNTAX, "Unexpected text after the JSON value at offset %zu.",
					 sc.lx.pos);
	free(sc.keys);
	return rc;
}

/* Name of a json-c value's type for error details ("a string", "an array"). */
static const char *
type_name(json_object *v)
{
	switch (json_object_get_type(v))
	{
		case json_type_null: return "null";
		case json_type_boolean: return "a boolean";
		case json_type_double:
		case json_type_int: return "a number";
		case json_type_object: return "an object";
		case json_type_array: return "an array";
		case json_type_string: return "a string";
	}
	return "unknown";
}

/* Collect the number-valued members of a JSON object as entries. */
static KmCode
collect_weights(json_object *obj, const char *where, KmEntry **out, int *n, KmError *err)
{
	int			len = json_object_object_length(obj);
	char		repr[48];
	struct json_object_iter it;
	int			i = 0;

	if (len == 0)
		return km_fail(err, KM_ESYNTAX,
					   "The weights in \"%s\" sum to 0; give at least one positive weight.", where);
	*out = calloc(len, sizeof(KmEntry));
	if (*out == NULL)
		return km_fail(err, KM_ENOMEM, "Out of memory.");
	json_object_object_foreachC(obj, it)
	{
		const char *key = it.key;
		json_object *val = it.val;
		enum json_type t = json_object_get_type(val);

		if (t != json_type_int && t != json_type_double)
		{
			km_label_repr(key, strlen(key), repr, sizeof(repr));
			return km_fail(err, KM_ESYNTAX,
						   "The weight of \"%s\" in \"%s\" must be a number, not %s.",
						   repr, where, type_name(val));
		}
		(*out)[i].s = key;
		(*out)[i].len = strlen(key);
		(*out)[i].v = json_object_get_double(val);
		i++;
		*n = i;
	}
	return KM_OK;
}

/* Collect a JSON array of strings as entries. */
static KmCode
collect_list(json_object *arr, const char *where, KmEntry **out, int *n, KmError *err)
{
	size_t		len = json_object_array_length(arr);
	size_t		i;

	if (len > KM_PROFILE_MAX_ENTRIES)
		return km_fail(err, KM_ESYNTAX, "\"%s\" has %zu entries; the limit is %d.",
					   where, len, KM_PROFILE_MAX_ENTRIES);
	if (len == 0)
		return KM_OK;
	*out = calloc(len, sizeof(KmEntry));
	if (*out == NULL)
		return km_fail(err, KM_ENOMEM, "Out of memory.");
	for (i = 0; i < len; i++)
	{
		json_object *v = json_object_array_get_idx(arr, i);

		if (json_object_get_type(v) != json_type_string)
			return km_fail(err, KM_ESYNTAX, "Entry %zu of \"%s\" must be a string, not %s.",
						   i + 1, where, type_name(v));
		(*out)[i].s = json_object_get_string(v);
		(*out)[i].len = (size_t) json_object_get_string_len(v);
		*n = (int) i + 1;
	}
	return KM_OK;
}

/* Turn the json-c tree into parts (labels point into the tree). */
static KmCode
walk(json_object *root, KmProfileParts *parts, KmError *err)
{
	char		repr[48];
	char		where[PATHLEN];
	struct json_object_iter it;

	if (json_object_get_type(root) != json_type_object)
		return km_fail(err, KM_ESYNTAX, "A kol_profile must be a JSON object, not %s.",
					   type_name(root));
	json_object_object_foreachC(root, it)
	{
		const char *key = it.key;
		json_object *val = it.val;
		enum json_type t = json_object_get_type(val);
		bool		is_list = strcmp(key, "languages") == 0 || strcmp(key, "countries") == 0;

		if (strcmp(key, "categories") != 0 && strcmp(key, "audience") != 0 && !is_list)
		{
			km_label_repr(key, strlen(key), repr, sizeof(repr));
			return km_fail(err, KM_ESYNTAX,
						   "Unknown key \"%s\" at the top level; expected \"categories\", \"audience\", \"languages\" or \"countries\".",
						   repr);
		}
		if (t == json_type_null)
			continue;			/* a null section is an absent one */
		if (is_list)
		{
			if (t != json_type_array)
				return km_fail(err, KM_ESYNTAX, "\"%s\" must be an array of strings, not %s.",
							   key, type_name(val));
			if (key[0] == 'l')
			{
				if (collect_list(val, key, &parts->lang, &parts->nlang, err) != KM_OK)
					return err->code;
			}
			else if (collect_list(val, key, &parts->country, &parts->ncountry, err) != KM_OK)
				return err->code;
			continue;
		}
		if (t != json_type_object)
			return km_fail(err, KM_ESYNTAX, "\"%s\" must be a JSON object, not %s.",
						   key, type_name(val));
		if (key[0] == 'c')
		{
			if (collect_weights(val, "categories", &parts->cat, &parts->ncat, err) != KM_OK)
				return err->code;
			continue;
		}
		/* audience: dimension -> histogram */
		{
			int			nd = json_object_object_length(val);
			int			i = 0;
			struct json_object_iter dit;

			if (nd > KM_PROFILE_MAX_DIMS)
				return km_fail(err, KM_ESYNTAX, "\"audience\" has %d dimensions; the limit is %d.",
							   nd, KM_PROFILE_MAX_DIMS);
			if (nd == 0)
				continue;
			parts->dims = calloc(nd, sizeof(KmDim));
			if (parts->dims == NULL)
				return km_fail(err, KM_ENOMEM, "Out of memory.");
			json_object_object_foreachC(val, dit)
			{
				const char *dkey = dit.key;
				json_object *dval = dit.val;
				KmDim	   *d = &parts->dims[i++];

				parts->ndim = i;
				d->s = dkey;
				d->len = strlen(dkey);
				km_label_repr(dkey, d->len, repr, sizeof(repr));
				snprintf(where, sizeof(where), "audience.%s", repr);
				if (json_object_get_type(dval) != json_type_object)
					return km_fail(err, KM_ESYNTAX,
								   "\"%s\" must be a JSON object of label shares, not %s.",
								   where, type_name(dval));
				if (collect_weights(dval, where, &d->e, &d->n, err) != KM_OK)
					return err->code;
			}
		}
	}
	return KM_OK;
}

/* Free the malloc'd entry lists of parts (not parts itself). */
static void
free_parts(KmProfileParts *parts)
{
	int			i;

	free(parts->cat);
	for (i = 0; i < parts->ndim; i++)
		free(parts->dims[i].e);
	free(parts->dims);
	free(parts->lang);
	free(parts->country);
}

/* Parse JSON text into the stored form (malloc'd). */
KmCode
km_profile_from_json(const char *text, size_t len, uint8_t **out, size_t *outlen,
					 KmError *err)
{
	struct json_tokener *tok;
	json_object *root;
	enum json_tokener_error jerr;
	size_t		end;
	KmProfileParts parts;
	KmCode		rc;

	*out = NULL;
	*outlen = 0;
	if (len > KM_PROFILE_MAX_INPUT)
		return km_fail(err, KM_ELIMIT, "The input is %zu bytes long; the limit is %d bytes.",
					   len, KM_PROFILE_MAX_INPUT);
	if (memchr(text, '\0', len) != NULL)
		return km_fail(err, KM_ESYNTAX, "The input contains a NUL byte.");
	tok = json_tokener_new_ex(KM_PROFILE_MAX_DEPTH);
	if (tok == NULL)
		return km_fail(err, KM_ENOMEM, "Out of memory.");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, text, (int) len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (jerr == json_tokener_continue && end == len)
	{
		/* a top-level scalar waits for more input: pass the terminating NUL */
		root = json_tokener_parse_ex(tok, "", 1);
		jerr = json_tokener_get_error(tok);
		end = len;
	}
	if (jerr == json_tokener_continue)
		rc = km_fail(err, KM_ESYNTAX, "The JSON text ends unexpectedly.");
	else if (jerr != json_tokener_success)
		rc = km_fail(err, KM_ESYNTAX, "Malformed JSON at offset %zu: %s.",
					 end, json_tokener_error_desc(jerr));
	else if (end < len)
		rc = km_fail(err, KM_ESYNTAX, "Unexpected text after the JSON value at offset %zu.", end);
	else
		rc = strict_scan(text, len, err);
	json_tokener_free(tok);
	if (rc != KM_OK)
	{
		json_object_put(root);
		return rc;
	}
	if (root == NULL)
		return km_fail(err, KM_ESYNTAX, "A kol_profile must be a JSON object, not null.");
	memset(&parts, 0, sizeof(parts));
	rc = walk(root, &parts, err);
	if (rc == KM_OK)
		rc = km_profile_pack(&parts, out, outlen, err);
	free_parts(&parts);
	json_object_put(root);
	return rc;
}
