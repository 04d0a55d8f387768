/*
 * attribution_markov.c
 *	  The first-order Markov-chain attribution of Anderl et al. (2016): the
 *	  transition counts of a set of paths (start -> channels -> conversion or
 *	  null), their merge and serialised form, and each channel's removal
 *	  effect from the absorbing chain's conversion probability
 *	  (doc/attribution.md).
 */
#include "attribution.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "km_bytes.h"

/* FNV-1a hash of a channel name. */
static uint32_t
name_hash(const char *s, size_t len)
{
	uint32_t	h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t) s[i]) * 16777619u;
	return h;
}

/* Allocate zeroed memory from the model's allocator, or NULL. */
static void *
zalloc(KmMarkov *m, size_t size)
{
	void	   *p = m->a.alloc(m->a.ctx, size);

	if (p != NULL)
		memset(p, 0, size);
	return p;
}

/* Grow room to cap channels (arrays copied to the new stride). */
static KmCode
grow(KmMarkov *m, int32_t cap, KmError *err)
{
	size_t		ns = (size_t) cap + 1,
				os = (size_t) m->cap + 1;
	uint32_t	nslot = 16;
	int64_t    *trans;
	int64_t    *conv,
			   *null;
	char	  **name;
	uint32_t   *namelen;
	int32_t    *slot;

	while (nslot <= 2u * (uint32_t) cap)
		nslot *= 2;
	trans = zalloc(m, ns * ns * sizeof(int64_t));
	conv = zalloc(m, ns * sizeof(int64_t));
	null = zalloc(m, ns * sizeof(int64_t));
	name = zalloc(m, ns * sizeof(char *));
	namelen = zalloc(m, ns * sizeof(uint32_t));
	slot = zalloc(m, nslot * sizeof(int32_t));
	if (!trans || !conv || !null || !name || !namelen || !slot)
		return km_fail_msg(err, KM_ENOMEM, "out of memory for a Markov model of %d channels", cap);
	if (m->trans != NULL)
	{
		for (size_t i = 0; i < os; i++)
			memcpy(trans + i * ns, m->trans + i * os, os * sizeof(int64_t));
		memcpy(conv, m->to_conv, os * sizeof(int64_t));
		memcpy(null, m->to_null, os * sizeof(int64_t));
		memcpy(name, m->name, os * sizeof(char *));
		memcpy(namelen, m->namelen, os * sizeof(uint32_t));
		m->a.free(m->a.ctx, m->trans);
		m->a.free(m->a.ctx, m->to_conv);
		m->a.free(m->a.ctx, m->to_null);
		m->a.free(m->a.ctx, m->name);
		m->a.free(m->a.ctx, m->namelen);
		m->a.free(m->a.ctx, m->slot);
	}
	for (int32_t id = 1; id <= m->nch; id++)
	{
		uint32_t	h = name_hash(name[id], namelen[id]) & (nslot - 1);

		while (slot[h] != 0)
			h = (h + 1) & (nslot - 1);
		slot[h] = id;
	}
	m->trans = trans;
	m->to_conv = conv;
	m->to_null = null;
	m->name = name;
	m->namelen = namelen;
	m->slot = slot;
	m->nslot = nslot;
	m->cap = cap;
	return KM_OK;
}

/* An empty model. */
KmCode
km_markov_init(KmMarkov *m, KmAlloc a, KmError *err)
{
	memset(m, 0, sizeof(*m));
	m->a = a;
	return grow(m, 8, err);
}

/* Free a model's memory. */
void
km_markov_free(KmMarkov *m)
{
	for (int32_t id = 1; id <= m->nch; id++)
		m->a.free(m->a.ctx, m->name[id]);
	m->a.free(m->a.ctx, m->trans);
	m->a.free(m->a.ctx, m->to_conv);
	m->a.free(m->a.ctx, m->to_null);
	m->a.free(m->a.ctx, m->name);
	m->a.free(m->a.ctx, m->namelen);
	m->a.free(m->a.ctx, m->slot);
	m->trans = NULL;
}

/* The id of a channel, added when new. */
KmCode
km_markov_channel(KmMarkov *m, const char *name, size_t len, int32_t *id, KmError *err)
{
	uint32_t	h = name_hash(name, len) & (m->nslot - 1);
	char	   *copy;
	KmCode		rc;

	while (m->slot[h] != 0)
	{
		int32_t		c = m->slot[h];

		if (m->namelen[c] == len && memcmp(m->name[c], name, len) == 0)
		{
			*id = c;
			return KM_OK;
		}
		h = (h + 1) & (m->nslot - 1);
	}
	if (m->nch >= KM_MARKOV_MAX_CHANNELS)
		return km_fail_msg(err, KM_ELIMIT,
						   "Markov attribution has more than %d channels: \"%.*s\" is one too many",
						   KM_MARKOV_MAX_CHANNELS, km_utf8_cut(name, 64), name);
	if (len > 0x7FFFFFFF)
		return km_fail_msg(err, KM_ELIMIT, "channel name is too long");
	copy = m->a.alloc(m->a.ctx, len + 1);
	if (copy == NULL)
		return km_fail_msg(err, KM_ENOMEM, "out of memory for a channel name");
	memcpy(copy, name, len);
	copy[len] = '\0';
	if (m->nch + 1 > m->cap)
	{
		int32_t		cap = m->cap * 2;

		if (cap > KM_MARKOV_MAX_CHANNELS)
			cap = KM_MARKOV_MAX_CHANNELS;
		if ((rc = grow(m, cap, err)) != KM_OK)
			return rc;
		h = name_hash(name, len) & (m->nslot - 1);
		while (m->slot[h] != 0)
			h = (h + 1) & (m->nslot - 1);
	}
	m->nch++;
	m->name[m->nch] = copy;
	m->namelen[m->nch] = (uint32_t) len;
	m->slot[h] = m->nch;
	*id = m->nch;
	return KM_OK;
}

/* *c += by, KM_ERANGE on overflow. */
static KmCode
count_add(int64_t *c, int64_t by, KmError *err)
{
	if (km_add_i64_overflow(*c, by, c))
		return km_fail_msg(err, KM_ERANGE, "Markov attribution count is out of range");
	return KM_OK;
}

/* Add a value sum (units of 10^-10), keeping the larger display scale. */
static KmCode
value_add(KmMarkov *m, km_i128 units, uint8_t dscale, KmError *err)
{
	if (__builtin_add_overflow(m->value, units, &m->value))
		return km_fail_msg(err, KM_ERANGE, "sum of conversion values is out of range");
	if (dscale > m->dscale)
		m->dscale = dscale;
	m->has_value = true;
	return KM_OK;
}

/* Count one path. */
KmCode
km_markov_add(KmMarkov *m, const int32_t *ids, size_t n, bool converted,
			  bool has_value, const KmMoney *value, KmError *err)
{
	size_t		s = (size_t) m->cap + 1;
	int32_t		prev = 0;
	KmCode		rc;

	if ((rc = count_add(&m->paths, 1, err)) != KM_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
	{
		if ((rc = count_add(&m->trans[(size_t) prev * s + ids[i]], 1, err)) != KM_OK)
			return rc;
		prev = ids[i];
	}
	if (!converted)
		return count_add(&m->to_null[prev], 1, err);
	if ((rc = count_add(&m->to_conv[prev], 1, err)) != KM_OK ||
		(rc = count_add(&m->conversions, 1, err)) != KM_OK)
		return rc;
	if (has_value)
		return value_add(m, value->units, value->dscale, err);
	return KM_OK;
}

/* a += b. */
KmCode
km_markov_combine(KmMarkov *a, const KmMarkov *b, KmError *err)
{
	int32_t		map[KM_MARKOV_MAX_CHANNELS + 1];
	size_t		sa,
				sb = (size_t) b->cap + 1;
	KmCode		rc;

	map[0] = 0;
	for (int32_t id = 1; id <= b->nch; id++)
		if ((rc = km_markov_channel(a, b->name[id], b->namelen[id], &map[id], err)) != KM_OK)
			return rc;
	sa = (size_t) a->cap + 1;
	for (int32_t i = 0; i <= b->nch; i++)
	{
		for (int32_t j = 1; j <= b->nch; j++)
			if (b->trans[i * sb + j] != 0 &&
				(rc = count_add(&a->trans[map[i] * sa + map[j]], b->trans[i * sb + j], err)) != KM_OK)
				return rc;
		if ((rc = count_add(&a->to_conv[map[i]], b->to_conv[i], err)) != KM_OK ||
			(rc = count_add(&a->to_null[map[i]], b->to_null[i], err)) != KM_OK)
			return rc;
	}
	if ((rc = count_add(&a->paths, b->paths, err)) != KM_OK ||
		(rc = count_add(&a->conversions, b->conversions, err)) != KM_OK)
		return rc;
	if (b->has_value)
		return value_add(a, b->value, b->dscale, err);
	return KM_OK;
}

/* Bytes of the serialised form. */
size_t
km_markov_size(const KmMarkov *m)
{
	size_t		s = (size_t) m->cap + 1,
				n = 40 + 4;

	for (int32_t id = 1; id <= m->nch; id++)
		n += 4 + m->namelen[id];
	for (int32_t i = 0; i <= m->nch; i++)
	{
		for (int32_t j = 1; j <= m->nch; j++)
			n += m->trans[i * s + j] != 0 ? 16 : 0;
		n += (m->to_conv[i] != 0 ? 16 : 0) + (m->to_null[i] != 0 ? 16 : 0);
	}
	return n;
}

/* Write one (from, to, count) entry; returns the position after it. */
static uint8_t *
put_entry(uint8_t *p, uint32_t from, uint32_t to, int64_t c)
{
	km_wr32(p, from);
	km_wr32(p + 4, to);
	km_wr64(p + 8, (uint64_t) c);
	return p + 16;
}

/* Serialise (see attribution.h); out holds km_markov_size bytes. */
void
km_markov_write(const KmMarkov *m, uint8_t *out)
{
	size_t		s = (size_t) m->cap + 1;
	uint32_t	k = (uint32_t) m->nch,
				entries = 0;
	uint8_t    *p = out,
			   *count_at;

	p[0] = KM_MARKOV_VERSION;
	p[1] = m->has_value ? 1 : 0;
	p[2] = m->dscale;
	p[3] = 0;
	km_wr32(p + 4, k);
	km_wr64(p + 8, (uint64_t) m->paths);
	km_wr64(p + 16, (uint64_t) m->conversions);
	km_wr64(p + 24, (uint64_t) (unsigned __int128) m->value);
	km_wr64(p + 32, (uint64_t) ((unsigned __int128) m->value >> 64));
	p += 40;
	for (uint32_t id = 1; id <= k; id++)
	{
		km_wr32(p, m->namelen[id]);
		memcpy(p + 4, m->name[id], m->namelen[id]);
		p += 4 + m->namelen[id];
	}
	count_at = p;
	p += 4;
	for (uint32_t i = 0; i <= k; i++)
	{
		for (uint32_t j = 1; j <= k; j++)
			if (m->trans[i * s + j] != 0)
			{
				p = put_entry(p, i, j, m->trans[i * s + j]);
				entries++;
			}
		if (m->to_conv[i] != 0)
		{
			p = put_entry(p, i, k + 1, m->to_conv[i]);
			entries++;
		}
		if (m->to_null[i] != 0)
		{
			p = put_entry(p, i, k + 2, m->to_null[i]);
			entries++;
		}
	}
	km_wr32(count_at, entries);
}

/* A KM_EBINARY error of the serialised form. */
#define BAD(...) km_fail(err, KM_EBINARY, __VA_ARGS__)

/* Read and check a serialised model (see attribution.h); m is initialised here. */
KmCode
km_markov_read(const uint8_t *data, size_t len, KmMarkov *m, KmError *err)
{
	KmAlloc		a = m->a;
	size_t		off = 40,
				s;
	uint32_t	k,
				entries,
				prev_from = 0,
				prev_to = 0;
	int64_t		in[KM_MARKOV_MAX_CHANNELS + 1],
				out[KM_MARKOV_MAX_CHANNELS + 1],
				conv_sum = 0;
	KmCode		rc;

	if ((rc = km_markov_init(m, a, err)) != KM_OK)
		return rc;
	if (len < 44)
		return BAD("Markov state is %zu bytes, fewer than 44.", len);
	if (data[0] != KM_MARKOV_VERSION)
		return BAD("Unsupported Markov state version %d.", data[0]);
	if (data[1] > 1 || data[2] > KM_CAMP_SCALE || data[3] != 0)
		return BAD("Markov state header flags are invalid.");
	k = km_rd32(data + 4);
	if (k > KM_MARKOV_MAX_CHANNELS)
		return BAD("Markov state has %u channels, more than %d.", k, KM_MARKOV_MAX_CHANNELS);
	m->has_value = data[1] == 1;
	m->dscale = data[2];
	m->paths = (int64_t) km_rd64(data + 8);
	m->conversions = (int64_t) km_rd64(data + 16);
	m->value = (km_i128) (((unsigned __int128) km_rd64(data + 32) << 64) | km_rd64(data + 24));
	if (m->paths < 0 || m->conversions < 0 || m->conversions > m->paths || m->value < 0 ||
		(!m->has_value && (m->value != 0 || m->dscale != 0)))
		return BAD("Markov state totals are invalid.");
	for (uint32_t id = 1; id <= k; id++)
	{
		uint32_t	nl;
		int32_t		got;

		if (len - off < 4)
			return BAD("Markov state ends inside channel %u.", id);
		nl = km_rd32(data + off);
		off += 4;
		if (nl > len - off)
			return BAD("Markov state ends inside channel %u.", id);
		if (memchr(data + off, 0, nl) != NULL)
			return BAD("Markov channel %u contains a zero byte.", id);
		if ((rc = km_markov_channel(m, (const char *) data + off, nl, &got, err)) != KM_OK)
			return rc;
		if ((uint32_t) got != id)
			return BAD("Markov channel %u repeats an earlier name.", id);
		off += nl;
	}
	if (len - off < 4)
		return BAD("Markov state ends before its transitions.");
	entries = km_rd32(data + off);
	off += 4;
	if ((len - off) / 16 != entries || (len - off) % 16 != 0)
		return BAD("Markov state length does not match its %u transitions.", entries);
	s = (size_t) m->cap + 1;
	memset(in, 0, sizeof(in));
	memset(out, 0, sizeof(out));
	for (uint32_t e = 0; e < entries; e++, off += 16)
	{
		uint32_t	from = km_rd32(data + off),
					to = km_rd32(data + off + 4);
		int64_t		c = (int64_t) km_rd64(data + off + 8);

		if (from > k || to < 1 || to > k + 2 || c <= 0)
			return BAD("Markov transition %u (%u -> %u, %lld) is out of range.",
					   e, from, to, (long long) c);
		if (e > 0 && (from < prev_from || (from == prev_from && to <= prev_to)))
			return BAD("Markov transitions are not in increasing order at %u.", e);
		prev_from = from;
		prev_to = to;
		if (km_add_i64_overflow(out[from], c, &out[from]))
			return BAD("Markov transition counts overflow.");
		if (to <= k)
		{
			m->trans[from * s + to] = c;
			if (km_add_i64_overflow(in[to], c, &in[to]))
				return BAD("Markov transition counts overflow.");
		}
		else if (to == k + 1)
		{
			m->to_conv[from] = c;
			conv_sum += c;		/* <= out sums, no overflow */
		}
		else
			m->to_null[from] = c;
	}
	if (out[0] != m->paths || conv_sum != m->conversions)
		return BAD("Markov transitions do not add up to the paths and conversions.");
	for (uint32_t id = 1; id <= k; id++)
		if (in[id] != out[id] || in[id] == 0)
			return BAD("Markov channel %u is entered %lld times and left %lld times.",
					   id, (long long) in[id], (long long) out[id]);
	return KM_OK;
}

/* Doubles of work for km_markov_effects with k channels. */
size_t
km_markov_work_size(int32_t k)
{
	size_t		n = (size_t) k + 1;

	return n * (n + 1) + n + n;
}

/*
 * The absorption probability in conversion from the start of the chain
 * without channel removed (-1 = none): solve (I - Q) x = r by Gaussian
 * elimination with partial pivoting, where Q are the transition
 * probabilities between start and channels and r those into conversion;
 * the removed channel leads to null (its row and r are zero).  Row and
 * column k > 0 stand for channel order[k - 1] (the channels in name order),
 * so the arithmetic, and so every bit of the result, does not depend on the
 * order the paths arrived in.
 */
static double
conversion_probability(const KmMarkov *m, const int32_t *order, int32_t removed, double *work)
{
	size_t		n = (size_t) m->nch + 1,
				s = (size_t) m->cap + 1,
				w = n + 1;
	double	   *A = work;

	for (size_t i = 0; i < n; i++)
	{
		size_t		si = i == 0 ? 0 : (size_t) order[i - 1];
		double		outs = (double) (m->to_conv[si] + m->to_null[si]);

		for (size_t j = 1; j < n; j++)
			outs += (double) m->trans[si * s + (size_t) order[j - 1]];
		for (size_t j = 0; j < n; j++)
			A[i * w + j] = (i == j) ? 1.0 : 0.0;
		A[i * w + n] = 0;
		if (outs == 0 || (int32_t) si == removed)
			continue;
		for (size_t j = 1; j < n; j++)
			A[i * w + j] -= (double) m->trans[si * s + (size_t) order[j - 1]] / outs;
		A[i * w + n] = (double) m->to_conv[si] / outs;
	}
	for (size_t c = 0; c < n; c++)
	{
		size_t		p = c;

		for (size_t i = c + 1; i < n; i++)
			if (fabs(A[i * w + c]) > fabs(A[p * w + c]))
				p = i;
		if (A[p * w + c] == 0)
			continue;			/* cannot happen for a checked model */
		if (p != c)
			for (size_t j = c; j <= n; j++)
			{
				double		t = A[c * w + j];

				A[c * w + j] = A[p * w + j];
				A[p * w + j] = t;
			}
		for (size_t i = c + 1; i < n; i++)
		{
			double		f = A[i * w + c] / A[c * w + c];

			if (f == 0)
				continue;
			for (size_t j = c; j <= n; j++)
				A[i * w + j] -= f * A[c * w + j];
		}
	}
	/* back substitution; only x_0 (the start) is needed but all are computed */
	for (size_t ii = n; ii-- > 0;)
	{
		double		x = A[ii * w + n];

		for (size_t j = ii + 1; j < n; j++)
			x -= A[ii * w + j] * A[j * w + n];
		A[ii * w + n] = A[ii * w + ii] != 0 ? x / A[ii * w + ii] : 0;
	}
	return A[n];
}

/* Channel ids of the order sort. */
static const KmMarkov *sort_model;

/* qsort order of channel ids: byte order of their names. */
static int
name_cmp(const void *a, const void *b)
{
	int32_t		x = *(const int32_t *) a,
				y = *(const int32_t *) b;
	uint32_t	lx = sort_model->namelen[x],
				ly = sort_model->namelen[y];
	int			c = memcmp(sort_model->name[x], sort_model->name[y], lx < ly ? lx : ly);

	if (c != 0)
		return c;
	return (lx > ly) - (lx < ly);
}

/* Removal effects of every channel (see attribution.h). */
void
km_markov_effects(const KmMarkov *m, int32_t *order, double *p_conv,
				  double *effect, double *work)
{
	double		p;

	for (int32_t i = 0; i < m->nch; i++)
		order[i] = i + 1;
	sort_model = m;
	qsort(order, (size_t) m->nch, sizeof(int32_t), name_cmp);
	p = m->conversions > 0 ? conversion_probability(m, order, -1, work) : 0;
	*p_conv = p;
	for (int32_t i = 0; i < m->nch; i++)
	{
		double		e;

		if (p <= 0)
		{
			effect[i] = NAN;
			continue;
		}
		e = 1.0 - conversion_probability(m, order, order[i], work) / p;
		effect[i] = e < 0 ? 0 : (e > 1 ? 1 : e);
	}
}
