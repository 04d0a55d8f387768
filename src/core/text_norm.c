/*
 * text_norm.c
 *	  Normalisation of text and lexicon terms (doc/text.md): one code point to
 *	  one, so that a match in the normalised text is a match in the raw one.
 */
#include <stdio.h>

#include "text.h"

/* Traditional -> simplified by binary search of the OpenCC table; cp if absent. */
static uint32_t
t2s(uint32_t cp)
{
	int			lo = 0,
				hi = km_text_t2s_len - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (km_text_t2s[mid][0] == cp)
			return km_text_t2s[mid][1];
		if (km_text_t2s[mid][0] < cp)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return cp;
}

/* Small letter of a Latin, Greek or Cyrillic capital; cp otherwise. */
static uint32_t
lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp < 0xC0)
		return cp;
	if (cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) ||
		(cp >= 0x14A && cp <= 0x177))
		return (cp % 2 == 0) ? cp + 1 : cp;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return (cp % 2 == 1) ? cp + 1 : cp;
	if (cp == 0x178)
		return 0xFF;
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	return cp;
}

/*
 * The normalised form of cp: full-width ASCII forms and the ideographic space
 * to ASCII, curly apostrophes to ', capitals to small letters, traditional
 * Chinese to simplified; variation selectors (U+FE0E, U+FE0F) dropped (0).
 */
uint32_t
km_text_fold(uint32_t cp)
{
	if (cp < 0x80)
		return lower(cp);
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return lower(cp - 0xFEE0);
	if (cp == 0x3000)
		return ' ';
	if (cp == 0x2018 || cp == 0x2019)
		return '\'';
	if (cp == 0xFE0E || cp == 0xFE0F)
		return 0;
	if (cp >= 0x3400)
		return t2s(cp);
	return lower(cp);
}

/* Letters and digits of the Latin, Greek and Cyrillic scripts, and '. */
bool
km_text_is_word(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
			(cp >= 'A' && cp <= 'Z') || cp == '\'' || cp == '_';
	return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
		(cp >= 0x370 && cp <= 0x4FF);
}

/* Bytes of term (len bytes) to quote: at most 40, ending on a character boundary. */
static int
quote_len(const char *term, size_t len)
{
	size_t		n = len < 40 ? len : 40;

	while (n > 0 && n < len && (((const unsigned char *) term)[n] & 0xC0) == 0x80)
		n--;
	return (int) n;
}

/* Validate one term (see text.h). */
KmCode
km_text_check_term(const char *term, size_t len, KmError *err)
{
	const unsigned char *p = (const unsigned char *) term;
	size_t		i = 0;
	int			chars = 0,
				kept = 0;

	if (len == 0)
		return km_fail_msg(err, KM_EPARAM, "lexicon term must not be empty");
	if (len > KM_TEXT_TERM_MAX_BYTES)
		return km_fail_msg(err, KM_EPARAM, "lexicon term \"%.*s...\" is longer than %d bytes",
						   quote_len(term, len), term, KM_TEXT_TERM_MAX_BYTES);
	while (i < len)
	{
		uint32_t	cp;
		int			n;

		if (p[i] >= 0x80 && km_utf8_len(p + i, len - i) == 0)
			return km_fail_msg(err, KM_EPARAM, "lexicon term is not valid UTF-8 at byte %zu", i + 1);
		n = km_text_decode(p + i, len - i, &cp);
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
			return km_fail_msg(err, KM_EPARAM, "lexicon term must not contain control characters (U+%04X at byte %zu)",
							   cp, i + 1);
		i += n;
		chars++;
		if (km_text_fold(cp) != 0)
			kept++;
	}
	if (chars > KM_TEXT_TERM_MAX_CHARS)
		return km_fail_msg(err, KM_EPARAM, "lexicon term \"%.*s...\" is longer than %d characters",
						   quote_len(term, len), term, KM_TEXT_TERM_MAX_CHARS);
	if (kept == 0)
		return km_fail_msg(err, KM_EPARAM, "lexicon term \"%.*s\" is empty once normalised",
						   quote_len(term, len), term);
	return KM_OK;
}
