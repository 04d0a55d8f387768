/*
 * auth_comment.c
 *	  comment_summary (auth.h): counters of a KOL's comments and bottom-k
 *	  samples of their normalized texts, authors and 10-second windows, and
 *	  the comment signals read from them (doc/authenticity.md): the share of
 *	  plain comments (neither emoji-only nor generic) whose text occurs three
 *	  times or more, of emoji- or emote-only comments and of
 *	  generic fillers, distinct authors per comment, comments per effective
 *	  author (a Herfindahl index), and the share of comments in bursts.
 *
 *	  A bottom-k sample keeps the KM_CMT_K smallest hashes with the number of
 *	  comments behind each; a hash sampled once keeps every comment with it,
 *	  so the sample is a uniform sample of distinct values with exact counts
 *	  (Cohen and Kaplan 2007), and two samples merge exactly.  Distinct
 *	  values: exact below k, else (k - 1) / (k-th smallest hash / 2^64)
 *	  (Bar-Yossef et al. 2002).
 */
#include "auth.h"

#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define F(name, kind, count, member) {name, kind, count, offsetof(KmComments, member)}
static const KmFlatField cmt_fields[] = {
	F("n", KM_FLAT_I64, 1, n),
	F("emoji", KM_FLAT_I64, 1, emoji),
	F("generic", KM_FLAT_I64, 1, generic),
	F("authored", KM_FLAT_I64, 1, authored),
	F("timed", KM_FLAT_I64, 1, timed),
	F("texts", KM_FLAT_I64, 1, texts),
	F("nb", KM_FLAT_I64, 1, nb),
	F("na", KM_FLAT_I64, 1, na),
	F("nw", KM_FLAT_I64, 1, nw),
	F("body_h", KM_FLAT_I64, KM_CMT_K, body_h),
	F("body_c", KM_FLAT_I64, KM_CMT_K, body_c),
	F("author_h", KM_FLAT_I64, KM_CMT_K, author_h),
	F("author_c", KM_FLAT_I64, KM_CMT_K, author_c),
	F("window_h", KM_FLAT_I64, KM_CMT_K, win_h),
	F("window_c", KM_FLAT_I64, KM_CMT_K, win_c),
};
#undef F

const KmFlatType km_comments_type = {
	"comment_summary", 1, cmt_fields, sizeof(cmt_fields) / sizeof(cmt_fields[0])
};

/* Generic fillers, normalized (lower case, no spaces or punctuation). */
static const char *const fillers[] = {
	"1", "11", "111", "2", "6", "66", "666", "6666", "66666", "888",
	"沙发", "打卡", "前排", "第一", "板凳", "来了", "路过", "顶", "赞", "好", "支持", "加油",
	"冲", "爱了", "好看", "真好看", "太好看了", "牛", "牛逼", "厉害", "哈哈", "哈哈哈", "哈哈哈哈",
	"mark", "nice", "good", "great", "cool", "wow", "love", "awesome", "amazing", "beautiful",
	"nicepost", "greatpost", "lovethis", "so nice", "first", "lol", "ok"
};

#define NFILLERS (sizeof(fillers) / sizeof(fillers[0]))
static uint64_t filler_hash[NFILLERS];	/* sorted; filled once */
static uint8_t filler_index[NFILLERS];	/* the filler of each hash */
static bool filler_ready = false;

static uint64_t hash_bytes(const char *p, size_t len, uint64_t seed);

/* qsort order of uint64. */
static int
cmp_u64(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *) a,
				y = *(const uint64_t *) b;

	return (x > y) - (x < y);
}

/* Whether a normalized text of hash h is a filler: h among the fillers', then the text. */
static bool
is_filler(const char *out, uint64_t h)
{
	size_t		lo = 0,
				hi = NFILLERS,
				f;

	if (!filler_ready)
	{
		uint64_t	pairs[NFILLERS][2];

		for (f = 0; f < NFILLERS; f++)
		{
			pairs[f][0] = hash_bytes(fillers[f], strlen(fillers[f]), 0);
			pairs[f][1] = f;
		}
		qsort(pairs, NFILLERS, sizeof(pairs[0]), cmp_u64);
		for (f = 0; f < NFILLERS; f++)
		{
			filler_hash[f] = pairs[f][0];
			filler_index[f] = (uint8_t) pairs[f][1];
		}
		filler_ready = true;
	}
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (filler_hash[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < NFILLERS && filler_hash[lo] == h && strcmp(out, fillers[filler_index[lo]]) == 0;
}

/* An empty summary. */
void
km_cmt_init(KmComments *c)
{
	memset(c, 0, sizeof(*c));
	km_cmt_settle(c);
}

/* Murmur3's 64-bit finalizer. */
static inline uint64_t
fmix64(uint64_t k)
{
	k ^= k >> 33;
	k *= UINT64_C(0xff51afd7ed558ccd);
	k ^= k >> 33;
	k *= UINT64_C(0xc4ceb9fe1a85ec53);
	k ^= k >> 33;
	return k;
}

/*
 * A 64-bit hash of bytes: eight bytes at a time (multiply and rotate, as in
 * wyhash's and murmur's mixing), the tail byte by byte, then Murmur3's finalizer.
 */
static uint64_t
hash_bytes(const char *p, size_t len, uint64_t seed)
{
	uint64_t	h = UINT64_C(0xcbf29ce484222325) ^ seed ^ ((uint64_t) len * UINT64_C(0x9e3779b97f4a7c15));
	size_t		i = 0;

	for (; i + 8 <= len; i += 8)
	{
		uint64_t	w;

		memcpy(&w, p + i, 8);
		h ^= w * UINT64_C(0x87c37b91114253d5);
		h = ((h << 31) | (h >> 33)) * UINT64_C(0x4cf5ad432745937f);
	}
	for (; i < len; i++)
	{
		h ^= (unsigned char) p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return fmix64(h);
}

/*
 * Add cnt comments of hash x to a bottom-k sample (ascending as uint64);
 * *lim is its largest hash once full (UINT64_MAX before).
 */
static inline void
bk_add(int64_t *h, int64_t *c, int64_t *used, uint64_t *lim, uint64_t x, int64_t cnt)
{
	int64_t		lo = 0,
				hi = *used;

	if (x > *lim)
		return;					/* beyond a full sample: the common case */
	while (lo < hi)
	{
		int64_t		mid = (lo + hi) / 2;

		if ((uint64_t) h[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < *used && (uint64_t) h[lo] == x)
	{
		c[lo] += cnt;
		return;
	}
	if (lo >= KM_CMT_K)
		return;
	if (*used < KM_CMT_K)
		(*used)++;				/* else the largest falls off the end */
	memmove(h + lo + 1, h + lo, sizeof(int64_t) * (size_t) (*used - 1 - lo));
	memmove(c + lo + 1, c + lo, sizeof(int64_t) * (size_t) (*used - 1 - lo));
	h[lo] = (int64_t) x;
	c[lo] = cnt;
	if (*used == KM_CMT_K)
		*lim = (uint64_t) h[KM_CMT_K - 1];
}

/* lim of a sample: its largest hash when full, else UINT64_MAX. */
static uint64_t
bk_lim(const int64_t *h, int64_t used)
{
	return used == KM_CMT_K ? (uint64_t) h[KM_CMT_K - 1] : UINT64_MAX;
}

/* Derive lim[] (not stored) from the samples. */
void
km_cmt_settle(KmComments *c)
{
	c->lim[0] = bk_lim(c->body_h, c->nb);
	c->lim[1] = bk_lim(c->author_h, c->na);
	c->lim[2] = bk_lim(c->win_h, c->nw);
}

/* Decode one UTF-8 code point at p (left bytes); an invalid byte reads as itself. */
static uint32_t
next_cp(const unsigned char *p, size_t left, int *len)
{
	int			n = (p[0] < 0x80) ? 1 : km_utf8_len(p, left);

	if (n <= 1)
	{
		*len = 1;
		return p[0];
	}
	*len = n;
	if (n == 2)
		return ((uint32_t) (p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	if (n == 3)
		return ((uint32_t) (p[0] & 0x0F) << 12) | ((uint32_t) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	return ((uint32_t) (p[0] & 0x07) << 18) | ((uint32_t) (p[1] & 0x3F) << 12) |
		((uint32_t) (p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Emoji and their joiners, selectors, skin tones and keycaps. */
static bool
is_emoji(uint32_t cp)
{
	return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
		(cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x2190 && cp <= 0x21FF) ||
		cp == 0x200D || cp == 0xFE0F || cp == 0x20E3 || (cp >= 0xE0020 && cp <= 0xE007F) ||
		cp == 0x3297 || cp == 0x3299 || cp == 0x00A9 || cp == 0x00AE || cp == 0x2122 ||
		cp == 0x203C || cp == 0x2049;
}

/* Spaces and punctuation (ASCII, Latin-1, general, CJK, full- and half-width). */
static bool
is_skip(uint32_t cp)
{
	if (cp < 0x80)
		return cp <= 0x20 || cp == 0x7F ||
			(cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
			(cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
	return (cp >= 0x80 && cp <= 0xBF && cp != 0xA9 && cp != 0xAE) ||
		(cp >= 0x2000 && cp <= 0x206F && cp != 0x200D && cp != 0x203C && cp != 0x2049) ||
		(cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF61 && cp <= 0xFF65) ||
		(cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFE10 && cp <= 0xFE1F);
}

/* Length of an emote code "[...]" / "【...】" at p (0 if none): 1 to 16 bytes inside. */
static size_t
emote_len(const unsigned char *p, size_t left)
{
	size_t		open = (p[0] == '[') ? 1 : ((left >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x90) ? 3 : 0);
	size_t		i;

	if (open == 0)
		return 0;
	for (i = open; i < left && i <= open + 16; i++)
	{
		if (p[i] == '[' || p[i] == '\n')
			return 0;
		if (open == 1 && p[i] == ']')
			return i > open ? i + 1 : 0;
		if (open == 3 && i + 2 < left && p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x91)
			return i > open ? i + 3 : 0;
	}
	return 0;
}

/* ASCII: 0 for spaces, controls and punctuation (dropped), else the byte lower-cased. */
static unsigned char ascii_map[128];
static bool ascii_ready = false;

/* Fill ascii_map from is_skip. */
static void
ascii_init(void)
{
	for (uint32_t c = 0; c < 128; c++)
		ascii_map[c] = is_skip(c) ? 0 : (unsigned char) ((c >= 'A' && c <= 'Z') ? c + 32 : c);
	ascii_ready = true;
}

/* Normalize and classify a comment; *hash is the normalized text's hash. */
static size_t
normalize(const char *body, size_t len, char *out, int *kind, uint64_t *hash)
{
	const unsigned char *p = (const unsigned char *) body;
	size_t		i = 0,
				o = 0;
	bool		emoji = false,
				other = false;

	if (!ascii_ready)
		ascii_init();
	while (i < len)
	{
		int			n;
		uint32_t	cp;
		unsigned char b = p[i];
		size_t		e;

		if (b < 0x80 && b != '[')
		{
			/* ASCII, the common case: a table says drop, or the lower-cased byte */
			unsigned char m = ascii_map[b];

			if (m != 0)
			{
				out[o++] = (char) m;
				other = true;
			}
			i++;
			continue;
		}
		if (b >= 0xE4 && b <= 0xE9 && i + 2 < len && (p[i + 1] & 0xC0) == 0x80 &&
			(p[i + 2] & 0xC0) == 0x80)
		{
			/* U+4000 .. U+9FFF, CJK ideographs (the common case in Chinese): kept */
			out[o] = (char) b;
			out[o + 1] = (char) p[i + 1];
			out[o + 2] = (char) p[i + 2];
			o += 3;
			i += 3;
			other = true;
			continue;
		}
		e = (b == '[' || b == 0xE3) ? emote_len(p + i, len - i) : 0;
		if (e > 0)
		{
			memcpy(out + o, p + i, e);
			o += e;
			i += e;
			emoji = true;
			continue;
		}
		cp = next_cp(p + i, len - i, &n);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;		/* full-width ASCII */
		if (is_skip(cp))
		{
			i += (size_t) n;
			continue;
		}
		if (cp < 0x80)
		{
			out[o++] = (char) ascii_map[cp];
			other = true;
			i += (size_t) n;
			continue;
		}
		if (is_emoji(cp))
			emoji = true;
		else
			other = true;
		memcpy(out + o, p + i, (size_t) n);
		o += (size_t) n;
		i += (size_t) n;
	}
	out[o] = '\0';
	*hash = hash_bytes(out, o, 0);
	*kind = 0;
	if (o == 0)
		*kind = 2;
	else if (emoji && !other)
		*kind = 1;
	else if (o <= 24 && is_filler(out, *hash))
		*kind = 2;
	return o;
}

/* Normalize a comment (see auth.h) and classify it. */
size_t
km_cmt_normalize(const char *body, size_t len, char *out, int *kind)
{
	uint64_t	h;

	return normalize(body, len, out, kind, &h);
}

/* Overflow-checked += for counters. */
static inline bool
inc(int64_t *a, int64_t b)
{
	return km_add_i64_overflow(*a, b, a);
}

/* Add one comment. */
KmCode
km_cmt_add(KmComments *c, const char *body, size_t len, const char *author, size_t alen,
		   bool has_at, int64_t at, KmError *err)
{
	if (inc(&c->n, 1))
		return km_fail_msg(err, KM_ERANGE, "comment_summary comment count is out of range for type bigint");
	if (body != NULL)
	{
		char		out[512];
		int			kind;
		uint64_t	h;

		if (len + 1 > sizeof(out))
			len = sizeof(out) - 1;	/* the first 511 bytes decide (a cut character reads as bytes) */
		(void) normalize(body, len, out, &kind, &h);
		c->texts++;
		if (kind == 1)
			c->emoji++;
		else if (kind == 2)
			c->generic++;
		else
			bk_add(c->body_h, c->body_c, &c->nb, &c->lim[0], h, 1);
	}
	if (author != NULL)
	{
		c->authored++;
		bk_add(c->author_h, c->author_c, &c->na, &c->lim[1], hash_bytes(author, alen, 1), 1);
	}
	if (has_at)
	{
		int64_t		w = at >= 0 ? at / 10000000 : -((-at - 1) / 10000000) - 1;

		c->timed++;
		bk_add(c->win_h, c->win_c, &c->nw, &c->lim[2], fmix64((uint64_t) w ^ UINT64_C(0x9e3779b97f4a7c15)), 1);
	}
	return KM_OK;
}

/* d += s: counters add, samples merge (exactly). */
KmCode
km_cmt_merge(KmComments *d, const KmComments *s, KmError *err)
{
	int64_t		i;

	if (inc(&d->n, s->n) || inc(&d->emoji, s->emoji) || inc(&d->generic, s->generic) ||
		inc(&d->authored, s->authored) || inc(&d->timed, s->timed) || inc(&d->texts, s->texts))
		return km_fail_msg(err, KM_ERANGE, "comment_summary counts are out of range for type bigint");
	for (i = 0; i < s->nb; i++)
		bk_add(d->body_h, d->body_c, &d->nb, &d->lim[0], (uint64_t) s->body_h[i], s->body_c[i]);
	for (i = 0; i < s->na; i++)
		bk_add(d->author_h, d->author_c, &d->na, &d->lim[1], (uint64_t) s->author_h[i], s->author_c[i]);
	for (i = 0; i < s->nw; i++)
		bk_add(d->win_h, d->win_c, &d->nw, &d->lim[2], (uint64_t) s->win_h[i], s->win_c[i]);
	return KM_OK;
}

/* A sample's invariants: used entries ascending with positive counts, the rest zero. */
static KmCode
bk_validate(const int64_t *h, const int64_t *c, int64_t used, int64_t total, const char *what,
			KmCode code, KmError *err)
{
	int64_t		i,
				sum = 0;

	if (used < 0 || used > KM_CMT_K)
		return km_fail(err, code, "The %s sample holds 0 to %d entries, not %" PRId64 ".", what, KM_CMT_K, used);
	for (i = 0; i < KM_CMT_K; i++)
	{
		if (i >= used)
		{
			if (h[i] != 0 || c[i] != 0)
				return km_fail(err, code, "Unused entries of the %s sample must be zero.", what);
			continue;
		}
		if (c[i] < 1 || (i > 0 && (uint64_t) h[i] <= (uint64_t) h[i - 1]) ||
			km_add_i64_overflow(sum, c[i], &sum))
			return km_fail(err, code, "The %s sample must ascend with positive counts.", what);
	}
	if (sum > total || (used < KM_CMT_K && sum != total))
		return km_fail(err, code, "Counts of the %s sample must add up to %" PRId64 " at most (all of them when not full), got %" PRId64 ".",
					   what, total, sum);
	return KM_OK;
}

/* Every invariant. */
KmCode
km_cmt_validate(const KmComments *c, KmCode code, KmError *err)
{
	if (c->n < 0 || c->emoji < 0 || c->generic < 0 || c->authored < 0 || c->timed < 0 || c->texts < 0)
		return km_fail(err, code, "Counts must not be negative.");
	if (c->texts > c->n || c->authored > c->n || c->timed > c->n || c->emoji > c->texts ||
		c->generic > c->texts - c->emoji)
		return km_fail(err, code, "Counts must not exceed the comments they are part of.");
	if (bk_validate(c->body_h, c->body_c, c->nb, c->texts - c->emoji - c->generic, "text", code, err) != KM_OK ||
		bk_validate(c->author_h, c->author_c, c->na, c->authored, "author", code, err) != KM_OK ||
		bk_validate(c->win_h, c->win_c, c->nw, c->timed, "window", code, err) != KM_OK)
		return err->code;
	return KM_OK;
}

/* Distinct values behind a sample: exact below k, else (k - 1) / (largest hash / 2^64). */
static double
bk_distinct(const int64_t *h, int64_t used)
{
	if (used < KM_CMT_K)
		return (double) used;
	return (KM_CMT_K - 1) / (((double) (uint64_t) h[KM_CMT_K - 1] + 1) / 18446744073709551616.0);
}

/* Share of the sampled comments whose value has at least min comments. */
static double
bk_share(const int64_t *c, int64_t used, int64_t min)
{
	double		all = 0,
				big = 0;
	int64_t		i;

	for (i = 0; i < used; i++)
	{
		all += (double) c[i];
		if (c[i] >= min)
			big += (double) c[i];
	}
	return all > 0 ? big / all : 0;
}

#define KM_CMT_MIN 20

/* A comment signal in its transformed scale. */
bool
km_cmt_signal(const KmComments *c, KmSignal s, double *x, int64_t *have, int64_t *need,
			  const char **why)
{
	int64_t		base = (s == KM_SIG_AUTHORS || s == KM_SIG_CONCENTRATION) ? c->authored :
		(s == KM_SIG_BURST ? c->timed : c->texts);
	double		d,
				hhi = 0;
	int64_t		i;

	*why = NULL;
	*have = base;
	*need = KM_CMT_MIN;
	if (base < KM_CMT_MIN)
		return false;
	switch (s)
	{
		case KM_SIG_DUPLICATE:
			*x = bk_share(c->body_c, c->nb, 3);
			return true;
		case KM_SIG_EMOJI:
			*x = (double) c->emoji / (double) c->texts;
			return true;
		case KM_SIG_GENERIC:
			*x = (double) c->generic / (double) c->texts;
			return true;
		case KM_SIG_AUTHORS:
			d = bk_distinct(c->author_h, c->na);
			*x = fmin(1.0, d / (double) c->authored);
			return true;
		case KM_SIG_CONCENTRATION:
			/* comments per effective author = N x HHI, HHI = sum (c / N)^2 scaled by distinct / sampled */
			d = bk_distinct(c->author_h, c->na);
			for (i = 0; i < c->na; i++)
				hhi += ((double) c->author_c[i] / (double) c->authored) *
					((double) c->author_c[i] / (double) c->authored);
			hhi *= d / (double) c->na;
			*x = log10(fmax(1.0, hhi * (double) c->authored));
			return true;
		case KM_SIG_BURST:
			*x = bk_share(c->win_c, c->nw, 5);
			return true;
		default:
			return false;
	}
}
