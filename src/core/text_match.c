/*
 * text_match.c
 *	  The lexicon automaton (doc/text.md): terms normalised and sorted, a trie
 *	  laid out as a double array (Aoe 1989: the child of state s by code c is
 *	  base[s] + c, owned by s when check[base[s] + c] == s), Aho-Corasick
 *	  failure and output links (Aho and Corasick 1975) computed breadth first,
 *	  and a character map from raw code points to codes that folds the text
 *	  normalisation in.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define NPAGES 0x1100
#define RING 128				/* > KM_TEXT_TERM_MAX_CHARS */

/* One normalised key during the build. */
typedef struct BKey
{
	int32_t		entry;			/* index of its entry */
	int32_t		off;			/* into the code buffer */
	int32_t		len;			/* in codes */
} BKey;

typedef struct Build
{
	KmMatcher  *m;
	KmError    *err;
	uint16_t   *codes;			/* every key's codes */
	BKey	   *keys;
	int32_t		cap;			/* of the double array */
	/*
	 * Free cells (check -1) that may still start a node's children, in a
	 * doubly linked list in index order; the head is index -1 (free_head,
	 * free_tail).  A cell that failed as the first child's cell FREE_TRIES
	 * times leaves the list (it stays free, and may still be claimed as a
	 * later child's cell), so no cell is tried more than that many times.
	 */
	int32_t    *free_next;
	int32_t    *free_prev;		/* FREE_OUT when not in the list */
	uint8_t    *tries;
	int32_t		free_head;
	int32_t		free_tail;
} Build;

#define FREE_OUT (-2)
#define FREE_TRIES 16

/* alloc through the matcher's allocator, zeroed; NULL sets 53200. */
static void *
zalloc(KmMatcher *m, size_t size, KmError *err)
{
	void	   *p = m->alloc.alloc(m->alloc.ctx, size ? size : 1);

	if (p == NULL)
	{
		km_fail_msg(err, KM_ENOMEM, "out of memory building the lexicon automaton");
		return NULL;
	}
	memset(p, 0, size);
	m->bytes += size;
	return p;
}

/* km_text_fold to its fixed point (a simplified character is never folded again). */
static uint32_t
fold_full(uint32_t cp)
{
	uint32_t	f = km_text_fold(cp);
	int			i;

	for (i = 0; i < 3 && f != 0; i++)
	{
		uint32_t	g = km_text_fold(f);

		if (g == f)
			break;
		f = g;
	}
	return f;
}

/* qsort: code points ascending. */
static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a,
				y = *(const uint32_t *) b;

	return (x > y) - (x < y);
}

static const uint16_t *sort_codes;	/* qsort has no argument pointer */

/* qsort: keys by their codes, shorter first on a common prefix, then by entry. */
static int
cmp_key(const void *a, const void *b)
{
	const BKey *x = a,
			   *y = b;
	int			n = x->len < y->len ? x->len : y->len;
	int			i;

	for (i = 0; i < n; i++)
	{
		uint16_t	cx = sort_codes[x->off + i],
					cy = sort_codes[y->off + i];

		if (cx != cy)
			return cx < cy ? -1 : 1;
	}
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->entry > y->entry) - (x->entry < y->entry);
}

/* The code of folded code point cp among the sorted alphabet (binary search). */
static uint16_t
alpha_code(const uint32_t *alpha, int n, uint32_t cp)
{
	int			lo = 0,
				hi = n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (alpha[mid] == cp)
			return (uint16_t) (mid + 2);
		if (alpha[mid] < cp)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return KM_TEXT_CODE_NONE;
}

/* Set the code of raw code point cp, giving its page memory if it has none. */
static bool
map_set(KmMatcher *m, uint32_t cp, uint16_t code, KmError *err)
{
	uint16_t  **page = &m->pages[cp >> 8];

	if (*page == m->zero_page)
	{
		*page = zalloc(m, sizeof(uint16_t) * 256, err);
		if (*page == NULL)
			return false;
	}
	(*page)[cp & 0xFF] = code;
	return true;
}

/* Map raw cp to the code of its normalised form, when that is in the alphabet. */
static bool
map_source(KmMatcher *m, const uint32_t *alpha, int nalpha, uint32_t cp, KmError *err)
{
	uint16_t	code = alpha_code(alpha, nalpha, fold_full(cp));

	return code == KM_TEXT_CODE_NONE || map_set(m, cp, code, err);
}

/* Build the character map: the alphabet itself and every code point folding into it. */
static bool
build_map(KmMatcher *m, const uint32_t *alpha, int nalpha, KmError *err)
{
	static const uint32_t ranges[][2] = {
		{'A', 'Z'}, {0xC0, 0xDE}, {0x100, 0x17F}, {0x391, 0x3A9}, {0x400, 0x42F},
		{0x2018, 0x2019}, {0x3000, 0x3000}, {0xFF01, 0xFF5E}
	};
	int			i;
	uint32_t	cp;

	m->zero_page = zalloc(m, sizeof(uint16_t) * 256, err);
	m->pages = zalloc(m, sizeof(uint16_t *) * NPAGES, err);
	if (m->zero_page == NULL || m->pages == NULL)
		return false;
	for (i = 0; i < NPAGES; i++)
		m->pages[i] = m->zero_page;
	for (i = 0; i < nalpha; i++)
		if (!map_set(m, alpha[i], (uint16_t) (i + 2), err))
			return false;
	for (i = 0; i < (int) (sizeof(ranges) / sizeof(ranges[0])); i++)
		for (cp = ranges[i][0]; cp <= ranges[i][1]; cp++)
			if (!map_source(m, alpha, nalpha, cp, err))
				return false;
	for (i = 0; i < km_text_t2s_len; i++)
		if (!map_source(m, alpha, nalpha, km_text_t2s[i][0], err))
			return false;
	return map_set(m, 0xFE0E, KM_TEXT_CODE_SKIP, err) &&
		map_set(m, 0xFE0F, KM_TEXT_CODE_SKIP, err);
}

/*
 * Grow an int32 array from old to cap cells through the matcher's allocator;
 * the old array is freed either way (NULL on failure, which fails the build).
 */
static int32_t *
grow32(Build *b, int32_t *old, int32_t oldcap, int32_t cap)
{
	int32_t    *n = zalloc(b->m, sizeof(int32_t) * cap, b->err);

	if (n != NULL && oldcap > 0)
		memcpy(n, old, sizeof(int32_t) * oldcap);
	if (old != NULL)
	{
		b->m->alloc.free(b->m->alloc.ctx, old);
		b->m->bytes -= sizeof(int32_t) * oldcap;
	}
	return n;
}

/*
 * Make the double array hold index need; new cells are free (check -1) and
 * join the end of the free list.
 */
static bool
da_reserve(Build *b, int32_t need)
{
	KmMatcher  *m = b->m;
	int32_t		cap = b->cap,
				i;
	uint8_t    *nt;

	if (need < cap)
		return true;
	if (need >= INT32_MAX / 2)
	{
		km_fail_msg(b->err, KM_ELIMIT, "lexicon automaton too large");
		return false;
	}
	while (cap <= need)
		cap = cap < 1024 ? 1024 : cap * 2;
	if ((m->base = grow32(b, m->base, b->cap, cap)) == NULL ||
		(m->check = grow32(b, m->check, b->cap, cap)) == NULL ||
		(b->free_next = grow32(b, b->free_next, b->cap, cap)) == NULL ||
		(b->free_prev = grow32(b, b->free_prev, b->cap, cap)) == NULL ||
		(nt = zalloc(m, cap, b->err)) == NULL)
		return false;
	if (b->cap > 0)
	{
		memcpy(nt, b->tries, b->cap);
		m->alloc.free(m->alloc.ctx, b->tries);
		m->bytes -= b->cap;
	}
	b->tries = nt;
	for (i = b->cap; i < cap; i++)
	{
		m->check[i] = -1;
		b->free_prev[i] = b->free_tail;
		b->free_next[i] = -1;
		if (b->free_tail >= 0)
			b->free_next[b->free_tail] = i;
		else
			b->free_head = i;
		b->free_tail = i;
	}
	b->cap = cap;
	return true;
}

/* Take cell t out of the free list (if it is in it). */
static void
free_unlink(Build *b, int32_t t)
{
	int32_t		p = b->free_prev[t],
				n = b->free_next[t];

	if (p == FREE_OUT)
		return;
	if (p >= 0)
		b->free_next[p] = n;
	else
		b->free_head = n;
	if (n >= 0)
		b->free_prev[n] = p;
	else
		b->free_tail = p;
	b->free_prev[t] = FREE_OUT;
}

/*
 * A base for a node whose children have the ncs distinct codes cs
 * (ascending): the first cell of the free list where every child's cell is
 * free, growing the array when the list runs out.  -1 on error.
 */
static int32_t
find_base(Build *b, const uint16_t *cs, int32_t ncs)
{
	int32_t		p = b->free_head;

	for (;;)
	{
		int32_t		base,
					next,
					i;

		if (p < 0)
		{
			/* the list is used up: new cells start at the old end */
			p = b->cap;
			if (!da_reserve(b, b->cap))
				return -1;
		}
		base = p - cs[0];
		if (base >= 1 && !da_reserve(b, base + cs[ncs - 1]))
			return -1;
		next = b->free_next[p]; /* unchanged by unlinking p */
		if (base >= 1)
		{
			for (i = 1; i < ncs; i++)
				if (b->m->check[base + cs[i]] != -1)
					break;
			if (i == ncs)
				return base;
			if (++b->tries[p] >= FREE_TRIES)
				free_unlink(b, p);
		}
		p = next;
	}
}

/* A node of the breadth-first build: the keys [lo, hi) share its prefix of depth codes. */
typedef struct BNode
{
	int32_t		state;
	int32_t		lo;
	int32_t		hi;
	int32_t		depth;
} BNode;

/*
 * Lay the trie of the sorted, distinct keys out as a double array, breadth
 * first; order receives the states in that order (for the failure links).
 * Each node's children take the first base of the free list that fits them
 * (find_base), so the build costs about the number of cells times
 * FREE_TRIES children checks rather than a scan of the array per node.
 */
static bool
build_da(Build *b, int32_t nkeys, const int32_t *key_pat, int32_t **order_out, int32_t *norder)
{
	KmMatcher  *m = b->m;
	BNode	   *queue;
	uint16_t   *cs;
	int32_t		qhead = 0,
				qtail = 0,
				qcap = 1024,
				i;
	int32_t    *order;

	b->free_head = b->free_tail = -1;
	queue = m->alloc.alloc(m->alloc.ctx, sizeof(BNode) * qcap);
	cs = m->alloc.alloc(m->alloc.ctx, sizeof(uint16_t) * (m->ncodes + 1));
	if (queue == NULL || cs == NULL)
		return km_fail_msg(b->err, KM_ENOMEM, "out of memory building the lexicon automaton"), false;
	if (!da_reserve(b, 1))
		return false;
	m->check[0] = 0;			/* the root owns itself: never a free cell */
	free_unlink(b, 0);
	queue[qtail++] = (BNode)
	{
		0, 0, nkeys, 0
	};
	while (qhead < qtail)
	{
		BNode		nd = queue[qhead++];
		int32_t		lo = nd.lo,
					ncs = 0,
					base;

		if (lo < nd.hi && b->keys[lo].len == nd.depth)
			lo++;				/* the key ending here (its pattern is set below) */
		if (lo >= nd.hi)
		{
			m->base[nd.state] = 0;
			continue;
		}
		/* the distinct codes of the children, ascending (the keys are sorted) */
		for (i = lo; i < nd.hi; i++)
		{
			uint16_t	c = b->codes[b->keys[i].off + nd.depth];

			if (ncs == 0 || cs[ncs - 1] != c)
				cs[ncs++] = c;
		}
		base = find_base(b, cs, ncs);
		if (base < 0)
			return false;
		m->base[nd.state] = base;
		/* claim the children and queue them with their key ranges */
		for (i = lo; i < nd.hi;)
		{
			uint16_t	c = b->codes[b->keys[i].off + nd.depth];
			int32_t		j = i;

			while (j < nd.hi && b->codes[b->keys[j].off + nd.depth] == c)
				j++;
			m->check[base + c] = nd.state;
			free_unlink(b, base + c);
			if (qtail == qcap)
			{
				BNode	   *nq = m->alloc.alloc(m->alloc.ctx, sizeof(BNode) * qcap * 2);

				if (nq == NULL)
					return km_fail_msg(b->err, KM_ENOMEM, "out of memory building the lexicon automaton"), false;
				memcpy(nq, queue, sizeof(BNode) * qcap);
				m->alloc.free(m->alloc.ctx, queue);
				queue = nq;
				qcap *= 2;
			}
			queue[qtail++] = (BNode)
			{
				base + c, i, j, nd.depth + 1
			};
			i = j;
		}
	}
	m->alloc.free(m->alloc.ctx, cs);
	/* states in breadth-first order, and each key's pattern at its last state */
	order = m->alloc.alloc(m->alloc.ctx, sizeof(int32_t) * (qtail + 1));
	if (order == NULL)
		return km_fail_msg(b->err, KM_ENOMEM, "out of memory building the lexicon automaton"), false;
	m->size = b->cap;
	m->pat = zalloc(m, sizeof(int32_t) * m->size, b->err);
	m->fail = zalloc(m, sizeof(int32_t) * m->size, b->err);
	m->dict = zalloc(m, sizeof(int32_t) * m->size, b->err);
	if (m->pat == NULL || m->fail == NULL || m->dict == NULL)
		return false;
	for (i = 0; i < m->size; i++)
		m->pat[i] = -1;
	for (i = 0; i < qtail; i++)
	{
		order[i] = queue[i].state;
		if (queue[i].lo < queue[i].hi && b->keys[queue[i].lo].len == queue[i].depth &&
			queue[i].depth > 0)
			m->pat[queue[i].state] = key_pat[queue[i].lo];
	}
	m->alloc.free(m->alloc.ctx, queue);
	*order_out = order;
	*norder = qtail;
	return true;
}

/* Failure links and output (dictionary) links, breadth first. */
static void
build_links(KmMatcher *m, const int32_t *order, int32_t norder)
{
	int32_t		i;

	m->fail[0] = 0;
	m->dict[0] = 0;
	for (i = 1; i < norder; i++)
	{
		int32_t		t = order[i],
					s = m->check[t],
					c = t - m->base[s],
					f;

		if (s == 0)
			m->fail[t] = 0;
		else
		{
			f = m->fail[s];
			for (;;)
			{
				int32_t		g = m->base[f] + c;

				if (m->base[f] > 0 && g < m->size && m->check[g] == f && g != t)
				{
					m->fail[t] = g;
					break;
				}
				if (f == 0)
				{
					m->fail[t] = 0;
					break;
				}
				f = m->fail[f];
			}
		}
		f = m->fail[t];
		m->dict[t] = (m->pat[f] >= 0) ? f : m->dict[f];
	}
}

/* Interleave base, check, fail and the first output into the scan's cells; false on out of memory. */
static bool
pack_cells(KmMatcher *m, KmError *err)
{
	int32_t		i;

	m->cell = zalloc(m, sizeof(KmDaCell) * m->size, err);
	if (m->cell == NULL)
		return false;
	for (i = 0; i < m->size; i++)
	{
		m->cell[i].base = m->base[i];
		m->cell[i].check = m->check[i];
		m->cell[i].fail = m->fail[i];
		m->cell[i].out = (m->pat[i] >= 0 && i > 0) ? i : m->dict[i];
	}
	m->alloc.free(m->alloc.ctx, m->base);
	m->alloc.free(m->alloc.ctx, m->check);
	m->alloc.free(m->alloc.ctx, m->fail);
	m->base = m->check = m->fail = NULL;
	return true;
}

/* Memory the finished matcher holds. */
static size_t
matcher_bytes(const KmMatcher *m)
{
	size_t		bytes = sizeof(KmMatcher) + sizeof(uint16_t *) * NPAGES +
		sizeof(uint16_t) * 256 + (sizeof(KmDaCell) + 2 * sizeof(int32_t)) * (size_t) m->size +
		(sizeof(int32_t) + sizeof(uint16_t) + 2 + sizeof(uint32_t)) * (size_t) (m->npat + 1) +
		sizeof(KmTextPayload) * (size_t) m->npay;
	int			i;

	for (i = 0; i < NPAGES; i++)
		if (m->pages[i] != m->zero_page)
			bytes += sizeof(uint16_t) * 256;
	return bytes;
}

/* Build the automaton (see text.h). */
KmMatcher *
km_matcher_build(const KmTextEntry *entries, int n, KmAlloc alloc, KmError *err)
{
	KmMatcher  *m;
	Build		b;
	uint32_t   *cps = NULL,
			   *alpha;
	int32_t		ncp = 0,
				nalpha = 0,
				i,
				j,
				nkeys = 0,
				npat = 0,
				norder = 0;
	int32_t    *key_pat = NULL,
			   *order = NULL;

	m = alloc.alloc(alloc.ctx, sizeof(KmMatcher));
	if (m == NULL)
	{
		km_fail_msg(err, KM_ENOMEM, "out of memory building the lexicon automaton");
		return NULL;
	}
	memset(m, 0, sizeof(*m));
	m->alloc = alloc;
	m->bytes = sizeof(KmMatcher);
	memset(&b, 0, sizeof(b));
	b.m = m;
	b.err = err;

	/* normalise every term into code points */
	cps = zalloc(m, sizeof(uint32_t) * ((size_t) n * KM_TEXT_TERM_MAX_CHARS / 4 + 64), err);
	b.keys = zalloc(m, sizeof(BKey) * (n + 1), err);
	if (cps == NULL || b.keys == NULL)
		goto fail;
	{
		size_t		cps_cap = (size_t) n * KM_TEXT_TERM_MAX_CHARS / 4 + 64;

		for (i = 0; i < n; i++)
		{
			const unsigned char *p = (const unsigned char *) entries[i].term;
			size_t		len = entries[i].len,
						k = 0;

			if (km_text_check_term(entries[i].term, len, err) != KM_OK)
				goto fail;
			if (entries[i].kind >= KM_TK_NKINDS)
			{
				km_fail_msg(err, KM_EPARAM, "unknown lexicon kind %d", (int) entries[i].kind);
				goto fail;
			}
			if (ncp + KM_TEXT_TERM_MAX_CHARS >= (int32_t) cps_cap)
			{
				uint32_t   *nc = zalloc(m, sizeof(uint32_t) * cps_cap * 2, err);

				if (nc == NULL)
					goto fail;
				memcpy(nc, cps, sizeof(uint32_t) * ncp);
				alloc.free(alloc.ctx, cps);
				cps = nc;
				cps_cap *= 2;
			}
			b.keys[i].entry = i;
			b.keys[i].off = ncp;
			while (k < len)
			{
				uint32_t	cp,
							f;

				k += km_text_decode(p + k, len - k, &cp);
				f = fold_full(cp);
				if (f != 0)
					cps[ncp++] = f;
			}
			b.keys[i].len = ncp - b.keys[i].off;
		}
	}
	/* the alphabet: distinct normalised code points, codes from 2 */
	alpha = zalloc(m, sizeof(uint32_t) * (ncp + 1), err);
	b.codes = zalloc(m, sizeof(uint16_t) * (ncp + 1), err);
	if (alpha == NULL || b.codes == NULL)
		goto fail;
	memcpy(alpha, cps, sizeof(uint32_t) * ncp);
	qsort(alpha, ncp, sizeof(uint32_t), cmp_u32);
	for (i = 0; i < ncp; i++)
		if (nalpha == 0 || alpha[nalpha - 1] != alpha[i])
			alpha[nalpha++] = alpha[i];
	if (nalpha > 65533)
	{
		km_fail_msg(err, KM_ELIMIT, "the lexicon uses %d distinct characters, more than 65533", nalpha);
		goto fail;
	}
	m->ncodes = nalpha + 2;
	for (i = 0; i < ncp; i++)
		b.codes[i] = alpha_code(alpha, nalpha, cps[i]);
	if (!build_map(m, alpha, nalpha, err))
		goto fail;

	/* sort the keys; equal keys become one pattern with the payloads of all */
	sort_codes = b.codes;
	qsort(b.keys, n, sizeof(BKey), cmp_key);
	key_pat = zalloc(m, sizeof(int32_t) * (n + 1), err);
	m->pay_first = zalloc(m, sizeof(int32_t) * (n + 1), err);
	m->pay_count = zalloc(m, sizeof(uint16_t) * (n + 1), err);
	m->pat_chars = zalloc(m, n + 1, err);
	m->pat_flags = zalloc(m, n + 1, err);
	m->pat_kinds = zalloc(m, sizeof(uint32_t) * (n + 1), err);
	m->pay = zalloc(m, sizeof(KmTextPayload) * (n + 1), err);
	if (!key_pat || !m->pay_first || !m->pay_count || !m->pat_chars || !m->pat_flags ||
		!m->pat_kinds || !m->pay)
		goto fail;
	for (i = 0; i < n; i = j)
	{
		const BKey *k = &b.keys[i];

		for (j = i; j < n && b.keys[j].len == k->len &&
			 memcmp(b.codes + b.keys[j].off, b.codes + k->off, sizeof(uint16_t) * k->len) == 0; j++)
		{
			const KmTextEntry *e = &entries[b.keys[j].entry];
			int32_t		q;
			bool		dup = false;

			for (q = m->pay_first[npat]; q < m->npay; q++)
				if (m->pay[q].kind == e->kind &&
					(e->kind < KM_TK_DISCLOSURE || m->pay[q].label == e->label))
					dup = true; /* an earlier entry of this kind (and label) wins */
			if (dup)
				continue;
			m->pay[m->npay].kind = (uint8_t) e->kind;
			m->pay[m->npay].value = e->value;
			m->pay[m->npay].label = e->label;
			m->npay++;
			m->pay_count[npat]++;
			m->pat_kinds[npat] |= 1u << e->kind;
		}
		for (; nkeys < j; nkeys++)
			key_pat[nkeys] = npat;
		m->pat_chars[npat] = (uint8_t) k->len;
		if (km_text_is_word(cps[k->off]))
			m->pat_flags[npat] |= KM_PF_LEFT_WORD;
		if (km_text_is_word(cps[k->off + k->len - 1]))
			m->pat_flags[npat] |= KM_PF_RIGHT_WORD;
		npat++;
		m->pay_first[npat] = m->npay;
	}
	m->npat = npat;
	/* keys of one pattern are adjacent: keep the first of each */
	for (i = 0, j = 0; i < n; i++)
		if (i == 0 || key_pat[i] != key_pat[i - 1])
		{
			b.keys[j] = b.keys[i];
			key_pat[j] = key_pat[i];
			j++;
		}
	if (!build_da(&b, j, key_pat, &order, &norder))
		goto fail;
	alloc.free(alloc.ctx, b.free_next);
	alloc.free(alloc.ctx, b.free_prev);
	alloc.free(alloc.ctx, b.tries);
	build_links(m, order, norder);
	if (!pack_cells(m, err))
		goto fail;
	alloc.free(alloc.ctx, order);
	alloc.free(alloc.ctx, key_pat);
	alloc.free(alloc.ctx, cps);
	alloc.free(alloc.ctx, alpha);
	alloc.free(alloc.ctx, b.codes);
	alloc.free(alloc.ctx, b.keys);
	m->bytes = matcher_bytes(m);
	return m;

fail:
	km_matcher_free(m);
	return NULL;
}

/* Free what the matcher holds (the build's scratch memory goes with its context). */
void
km_matcher_free(KmMatcher *m)
{
	int			i;

	if (m == NULL || m->alloc.free == NULL)
		return;
	if (m->pages)
	{
		for (i = 0; i < NPAGES; i++)
			if (m->pages[i] != m->zero_page)
				m->alloc.free(m->alloc.ctx, m->pages[i]);
		m->alloc.free(m->alloc.ctx, m->pages);
	}
	if (m->zero_page)
		m->alloc.free(m->alloc.ctx, m->zero_page);
#define FREE(f) do { if (m->f) m->alloc.free(m->alloc.ctx, m->f); } while (0)
	FREE(cell);
	FREE(base);
	FREE(check);
	FREE(fail);
	FREE(dict);
	FREE(pat);
	FREE(pay_first);
	FREE(pay_count);
	FREE(pat_chars);
	FREE(pat_flags);
	FREE(pat_kinds);
	FREE(pay);
#undef FREE
	m->alloc.free(m->alloc.ctx, m);
}

/* Is the character after byte pos (skipping variation selectors) part of a word? */
static bool
word_after(const unsigned char *p, size_t len, size_t pos)
{
	while (pos < len)
	{
		uint32_t	cp,
					f;

		pos += km_text_decode(p + pos, len - pos, &cp);
		f = km_text_fold(cp);
		if (f != 0)
			return km_text_is_word(f);
	}
	return false;
}

/* Every match of the kinds in kinds_mask (see text.h). */
size_t
km_text_scan(const KmMatcher *m, const char *text, size_t len, uint32_t kinds_mask,
			 KmTextMatchFn fn, void *arg)
{
	const unsigned char *p = (const unsigned char *) text;
	struct
	{
		size_t		byte;
		size_t		ci;
		uint32_t	cp;
	}			ring[RING];
	size_t		pos = 0,
				ci = 0,
				k = 0,
				found = 0;
	int32_t		s = 0;

	while (pos < len)
	{
		uint32_t	cp;
		int			n = km_text_decode(p + pos, len - pos, &cp);
		uint16_t	code = km_text_code(m, cp);
		int32_t		st;

		if (code == KM_TEXT_CODE_SKIP)
		{
			pos += n;
			ci++;
			continue;
		}
		k++;
		ring[k % RING].byte = pos;
		ring[k % RING].ci = ci;
		ring[k % RING].cp = cp;
		pos += n;
		ci++;
		if (code == KM_TEXT_CODE_NONE)
		{
			s = 0;
			continue;
		}
		for (;;)
		{
			int32_t		b = m->cell[s].base,
						t = b + code;

			if (b > 0 && t < m->size && m->cell[t].check == s)
			{
				s = t;
				break;
			}
			if (s == 0)
				break;
			s = m->cell[s].fail;
		}
		for (st = m->cell[s].out; st > 0; st = m->dict[st])
		{
			int32_t		pt = m->pat[st];
			size_t		nch = m->pat_chars[pt];
			KmTextMatch mt;

			if ((m->pat_kinds[pt] & kinds_mask) == 0)
				continue;
			if ((m->pat_flags[pt] & KM_PF_LEFT_WORD) && k > nch &&
				km_text_is_word(km_text_fold(ring[(k - nch) % RING].cp)))
				continue;
			if ((m->pat_flags[pt] & KM_PF_RIGHT_WORD) && word_after(p, len, pos))
				continue;
			mt.pat = pt;
			mt.start = ring[(k - nch + 1) % RING].byte;
			mt.char_start = ring[(k - nch + 1) % RING].ci;
			mt.end = pos;
			found++;
			if (!fn(arg, &mt))
				return found;
		}
	}
	return found;
}
