/*
 * profile_json.c
 *	  kol_profile JSON text in (through json-c) and out (canonical form).
 *
 * json-c 0.16 builds the tree but is lenient where RFC 8259 is not, even with
 * JSON_TOKENER_STRICT: it accepts NaN, Infinity, single-quoted strings and
 * "1.", saturates integers beyond 64 bits, and silently keeps the last of
 * duplicate keys.  So after json-c has accepted the text, a strict scanner
 * walks the text once more: it enforces the RFC grammar of strings, numbers
 * and literals, limits keys per object, and rejects duplicate keys (compared
 * after unescaping, so "a" and "\u0061" are the same key).
 */
#include "profile.h"
#include "profile_int.h"

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
	const char *s;
	size_t		n;
	size_t		pos;
	KeyRef	   *keys;			/* (KM_PROFILE_MAX_DEPTH + 1) x KEYS_PER_LEVEL */
	KmError    *err;
} Scan;

static KmCode scan_value(Scan *sc, int depth, const char *where);

static void
skip_ws(Scan *sc)
{
	while (sc->pos < sc->n && (sc->s[sc->pos] == ' ' || sc->s[sc->pos] == '\t' ||
							   sc->s[sc->pos] == '\n' || sc->s[sc->pos] == '\r'))
		sc->pos++;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Append code point cp as UTF-8 (surrogates encoded as such: only compared). */
static size_t
put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80)
	{
		o[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		o[0] = (char) (0xC0 | (cp >> 6));
		o[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		o[0] = (char) (0xE0 | (cp >> 12));
		o[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char) (0xF0 | (cp >> 18));
	o[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Scan a string at sc->pos (which holds '"').  With key != NULL, decode it
 * into *key (malloc'd only when it has escapes).
 */
static KmCode
scan_string(Scan *sc, KeyRef *key)
{
	size_t		start = ++sc->pos;
	bool		escaped = false;

	for (;;)
	{
		unsigned char c;

		if (sc->pos >= sc->n)
			return km_fail(sc->err, KM_ESYNTAX, "A string is not terminated.");
		c = (unsigned char) sc->s[sc->pos];
		if (c == '"')
			break;
		if (c < 0x20)
			return km_fail(sc->err, KM_ESYNTAX,
						   "A string contains an unescaped control character at offset %zu.",
						   sc->pos);
		if (c == '\\')
		{
			char		e;

			escaped = true;
			if (sc->pos + 1 >= sc->n)
				return km_fail(sc->err, KM_ESYNTAX, "A string is not terminated.");
			e = sc->s[sc->pos + 1];
			if (e == 'u')
			{
				int			k,
							v = 0;

				for (k = 0; k < 4; k++)
				{
					int			h = sc->pos + 2 + k < sc->n ? hexval(sc->s[sc->pos + 2 + k]) : -1;

					if (h < 0)
						return km_fail(sc->err, KM_ESYNTAX,
									   "Invalid \\u escape at offset %zu.", sc->pos);
					v = v * 16 + h;
				}
				if (v == 0)
					return km_fail(sc->err, KM_ESYNTAX,
								   "A string contains \\u0000 at offset %zu.", sc->pos);
				if (v >= 0xDC00 && v < 0xE000)
					return km_fail(sc->err, KM_ESYNTAX,
								   "A string contains an unpaired surrogate \\u%04X at offset %zu.",
								   v, sc->pos);
				if (v >= 0xD800 && v < 0xDC00)
				{
					int			lo = 0;

					for (k = 0; k < 4 && lo >= 0; k++)
					{
						int			h = sc->pos + 8 + k < sc->n ? hexval(sc->s[sc->pos + 8 + k]) : -1;

						lo = h < 0 ? -1 : lo * 16 + h;
					}
					if (sc->pos + 7 >= sc->n || sc->s[sc->pos + 6] != '\\' ||
						sc->s[sc->pos + 7] != 'u' || lo < 0xDC00 || lo >= 0xE000)
						return km_fail(sc->err, KM_ESYNTAX,
									   "A string contains an unpaired surrogate \\u%04X at offset %zu.",
									   v, sc->pos);
					sc->pos += 6;	/* the low half is consumed below */
				}
				sc->pos += 6;
				continue;
			}
			if (strchr("\"\\/bfnrt", e) == NULL || e == '\0')
				return km_fail(sc->err, KM_ESYNTAX,
							   "Invalid escape \"\\%c\" at offset %zu.", e, sc->pos);
			sc->pos += 2;
			continue;
		}
		sc->pos++;
	}
	sc->pos++;					/* closing quote */
	if (key == NULL)
		return KM_OK;
	key->owned = NULL;
	key->s = sc->s + start;
	key->len = sc->pos - 1 - start;
	if (escaped)
	{
		/* decoded text is never longer than the raw text */
		char	   *o = malloc(key->len + 1);
		size_t		i = start,
					olen = 0;

		if (o == NULL)
			return km_fail(sc->err, KM_ENOMEM, "Out of memory.");
		while (i < sc->pos - 1)
		{
			if (sc->s[i] != '\\')
			{
				o[olen++] = sc->s[i++];
				continue;
			}
			switch (sc->s[i + 1])
			{
				case 'b': o[olen++] = '\b'; break;
				case 'f': o[olen++] = '\f'; break;
				case 'n': o[olen++] = '\n'; break;
				case 'r': o[olen++] = '\r'; break;
				case 't': o[olen++] = '\t'; break;
				case 'u':
					{
						unsigned	cp = 0;
						int			k;

						for (k = 0; k < 4; k++)
							cp = cp * 16 + hexval(sc->s[i + 2 + k]);
						i += 6;
						/* a surrogate pair becomes one code point */
						if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= sc->pos - 1 &&
							sc->s[i] == '\\' && sc->s[i + 1] == 'u')
						{
							unsigned	lo = 0;

							for (k = 0; k < 4; k++)
								lo = lo * 16 + hexval(sc->s[i + 2 + k]);
							if (lo >= 0xDC00 && lo < 0xE000)
							{
								cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
								i += 6;
							}
						}
						olen += put_utf8(o + olen, cp);
						continue;
					}
				default:
					o[olen++] = sc->s[i + 1];
			}
			i += 2;
		}
		key->owned = o;
		key->s = o;
		key->len = olen;
	}
	return KM_OK;
}

/* RFC 8259 number: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static KmCode
scan_number(Scan *sc)
{
	const char *s = sc->s;
	size_t		p = sc->pos,
				n = sc->n,
				start = sc->pos;

	if (p < n && s[p] == '-')
		p++;
	if (p < n && s[p] == '0')
		p++;
	else if (p < n && s[p] >= '1' && s[p] <= '9')
		while (p < n && s[p] >= '0' && s[p] <= '9')
			p++;
	else
		goto bad;
	if (p < n && s[p] == '.')
	{
		p++;
		if (!(p < n && s[p] >= '0' && s[p] <= '9'))
			goto bad;
		while (p < n && s[p] >= '0' && s[p] <= '9')
			p++;
	}
	if (p < n && (s[p] == 'e' || s[p] == 'E'))
	{
		p++;
		if (p < n && (s[p] == '+' || s[p] == '-'))
			p++;
		if (!(p < n && s[p] >= '0' && s[p] <= '9'))
			goto bad;
		while (p < n && s[p] >= '0' && s[p] <= '9')
			p++;
	}
	sc->pos = p;
	return KM_OK;
bad:
	return km_fail(sc->err, KM_ESYNTAX, "Invalid number at offset %zu.", start);
}

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
	KeyRef	   *keys = sc->keys + (size_t) depth * KEYS_PER_LEVEL;
	int			nkeys = 0;
	KmCode		rc = KM_OK;
	char		child[PATHLEN];
	char		repr[48];
	int			i;

	sc->pos++;					/* '{' */
	skip_ws(sc);
	if (sc->pos < sc->n && sc->s[sc->pos] == '}')
	{
		sc->pos++;
		return KM_OK;
	}
	for (;;)
	{
		KeyRef	   *k;

		skip_ws(sc);
		if (sc->pos >= sc->n || sc->s[sc->pos] != '"')
		{
			rc = km_fail(sc->err, KM_ESYNTAX, "Expected a key in double quotes at offset %zu.", sc->pos);
			break;
		}
		if (nkeys >= KM_PROFILE_MAX_ENTRIES)
		{
			rc = km_fail(sc->err, KM_ESYNTAX, "\"%s\" has more than %d keys.",
						 where, KM_PROFILE_MAX_ENTRIES);
			break;
		}
		k = &keys[nkeys];
		if ((rc = scan_string(sc, k)) != KM_OK)
			break;
		nkeys++;
		skip_ws(sc);
		if (sc->pos >= sc->n || sc->s[sc->pos] != ':')
		{
			rc = km_fail(sc->err, KM_ESYNTAX, "Expected \":\" at offset %zu.", sc->pos);
			break;
		}
		sc->pos++;
		km_label_repr(k->s, k->len, repr, sizeof(repr));
		if (depth == 0)
			snprintf(child, sizeof(child), "%s", repr);
		else
			snprintf(child, sizeof(child), "%s.%s", where, repr);
		if ((rc = scan_value(sc, depth + 1, child)) != KM_OK)
			break;
		skip_ws(sc);
		if (sc->pos < sc->n && sc->s[sc->pos] == ',')
		{
			sc->pos++;
			continue;
		}
		if (sc->pos < sc->n && sc->s[sc->pos] == '}')
		{
			sc->pos++;
			break;
		}
		rc = km_fail(sc->err, KM_ESYNTAX, "Expected \",\" or \"}\" at offset %zu.", sc->pos);
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

/* Scan one JSON value of any kind at sc->pos. */
static KmCode
scan_value(Scan *sc, int depth, const char *where)
{
	char		c;

	if (depth > KM_PROFILE_MAX_DEPTH)
		return km_fail(sc->err, KM_ESYNTAX, "The JSON is nested more than %d levels deep.",
					   KM_PROFILE_MAX_DEPTH);
	skip_ws(sc);
	if (sc->pos >= sc->n)
		return km_fail(sc->err, KM_ESYNTAX, "The JSON text ends unexpectedly.");
	c = sc->s[sc->pos];
	if (c == '{')
		return scan_object(sc, depth, where);
	if (c == '"')
		return scan_string(sc, NULL);
	if (c == '-' || (c >= '0' && c <= '9'))
		return scan_number(sc);
	if (c == '[')
	{
		char		child[PATHLEN];

		snprintf(child, sizeof(child), "%s[]", where);
		sc->pos++;
		skip_ws(sc);
		if (sc->pos < sc->n && sc->s[sc->pos] == ']')
		{
			sc->pos++;
			return KM_OK;
		}
		for (;;)
		{
			if (scan_value(sc, depth + 1, child) != KM_OK)
				return sc->err->code;
			skip_ws(sc);
			if (sc->pos < sc->n && sc->s[sc->pos] == ',')
			{
				sc->pos++;
				continue;
			}
			if (sc->pos < sc->n && sc->s[sc->pos] == ']')
			{
				sc->pos++;
				return KM_OK;
			}
			return km_fail(sc->err, KM_ESYNTAX, "Expected \",\" or \"]\" at offset %zu.", sc->pos);
		}
	}
	if (sc->n - sc->pos >= 4 && (memcmp(sc->s + sc->pos, "true", 4) == 0 ||
								 memcmp(sc->s + sc->pos, "null", 4) == 0))
	{
		sc->pos += 4;
		return KM_OK;
	}
	if (sc->n - sc->pos >= 5 && memcmp(sc->s + sc->pos, "false", 5) == 0)
	{
		sc->pos += 5;
		return KM_OK;
	}
	return km_fail(sc->err, KM_ESYNTAX, "Unexpected character at offset %zu.", sc->pos);
}

/* Run the strict scanner over the whole text. */
static KmCode
strict_scan(const char *text, size_t len, KmError *err)
{
	Scan		sc;
	KmCode		rc;

	sc.s = text;
	sc.n = len;
	sc.pos = 0;
	sc.err = err;
	sc.keys = malloc(sizeof(KeyRef) * KEYS_PER_LEVEL * (KM_PROFILE_MAX_DEPTH + 1));
	if (sc.keys == NULL)
		return km_fail(err, KM_ENOMEM, "Out of memory.");
	rc = scan_value(&sc, 0, "");
	if (rc == KM_OK)
	{
		skip_ws(&sc);
		if (sc.pos != sc.n)
			rc = km_fail(err, KM_ESYNTAX, "Unexpected text after the JSON value at offset %zu.",
						 sc.pos);
	}
	free(sc.keys);
	return rc;
}

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
