/*
 * text_sentiment.c
 *	  Lexicon-and-rules sentiment (doc/text.md), after VADER (Hutto and
 *	  Gilbert 2014): the text is cut into terms by forward maximum matching on
 *	  the automaton's trie; a term's polarity is multiplied by the degree
 *	  adverbs and negators in a short window before it, an immediate repetition
 *	  adds emphasis, a contrast word weights its sentence's parts (0.5 before,
 *	  its weight after), a question counts nothing, emoji and emote codes stand
 *	  outside the modifiers' scope, exclamation marks add emphasis to the sum
 *	  S, and the score is S / sqrt(S^2 + 15).
 */
#include <math.h>
#include <string.h>

#include "text.h"

#define WINDOW 2				/* other units allowed between a modifier and its term */
#define MAX_MODS 3				/* modifiers in one chain */
#define NEG_OVER_DEGREE 0.5		/* "not very good": the negation, damped, without the degree */
#define REP_INCR 0.293			/* VADER's booster increment, per repetition */
#define REP_MAX 3
#define EXCL_INCR 0.292			/* VADER's emphasis per '!' */
#define EXCL_MAX 4
#define NORM_ALPHA 15.0			/* VADER's normalisation constant */
#define CONTRAST_BEFORE 0.5
#define QUESTION_WEIGHT 0.0		/* a question asks, it does not state an opinion */
#define CP_MA 0x5417			/* 吗, the particle that ends a Chinese yes/no question */

/* A degree adverb or negator waiting for its term. */
typedef struct Mod
{
	KmTextKind	kind;
	double		value;
	int64_t		u_first;
	int64_t		u_last;
	double		own;			/* its own polarity when it is also a sentiment term */
	int32_t		pat;
	size_t		start;
	size_t		end;
} Mod;

typedef struct Scorer
{
	KmSentTerms *terms;
	Mod			mods[MAX_MODS + 1];
	int			nmods;
	double		cur;			/* sentence sum since its last contrast word */
	double		before;			/* sentence sum before it */
	double		contrast;		/* weight of the last contrast word, 0 if none */
	int32_t		seg;
	size_t		sentence_first; /* first term of the sentence in terms */
	double		total;
	/* the last term, for repetitions */
	int32_t		last_pat;
	size_t		last_end;
	int32_t		last_seg;
	double		last_score;
	int			last_reps;
	size_t		last_index;
} Scorer;

/* Append a term to the list (when one is kept); false on out of memory. */
static void
terms_add(KmSentTerms *t, const KmSentTerm *term)
{
	if (t == NULL || t->failed)
		return;
	if (t->n == t->cap)
	{
		size_t		cap = t->cap ? t->cap * 2 : 16;
		KmSentTerm *nt = t->alloc.alloc(t->alloc.ctx, sizeof(KmSentTerm) * cap);

		if (nt == NULL)
		{
			t->failed = true;
			return;
		}
		if (t->n)
			memcpy(nt, t->terms, sizeof(KmSentTerm) * t->n);
		if (t->terms)
			t->alloc.free(t->alloc.ctx, t->terms);
		t->terms = nt;
		t->cap = cap;
	}
	t->terms[t->n++] = *term;
}

/* Count a term's score in the sentence, or fold an immediate repetition into the last one. */
static void
add_term(Scorer *sc, int32_t pat, size_t start, size_t end, double weight, double score)
{
	KmSentTerm	t;

	if (pat == sc->last_pat && start == sc->last_end && sc->seg == sc->last_seg &&
		sc->last_score != 0)
	{
		double		inc = (sc->last_score > 0 ? REP_INCR : -REP_INCR);

		sc->last_end = end;
		if (sc->last_reps >= REP_MAX)
			return;
		sc->last_reps++;
		sc->last_score += inc;
		sc->cur += inc;
		if (sc->terms && !sc->terms->failed && sc->last_index < sc->terms->n)
		{
			sc->terms->terms[sc->last_index].score += inc;
			sc->terms->terms[sc->last_index].end = end;
			sc->terms->terms[sc->last_index].repeats++;
		}
		return;
	}
	sc->cur += score;
	sc->last_pat = pat;
	sc->last_end = end;
	sc->last_seg = sc->seg;
	sc->last_score = score;
	sc->last_reps = 0;
	t.start = start;
	t.end = end;
	t.weight = weight;
	t.score = score;
	t.pat = pat;
	t.seg = sc->seg;
	t.repeats = 0;
	sc->last_index = sc->terms ? sc->terms->n : 0;
	terms_add(sc->terms, &t);
}

/* Modifiers [0, n) go unused: those that are sentiment terms too count as such. */
static void
flush_mods(Scorer *sc, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (sc->mods[i].own != 0)
			add_term(sc, sc->mods[i].pat, sc->mods[i].start, sc->mods[i].end,
					 sc->mods[i].own, sc->mods[i].own);
	memmove(sc->mods, sc->mods + n, sizeof(Mod) * (sc->nmods - n));
	sc->nmods -= n;
}

/*
 * A sentence ends: weight its parts around the last contrast word, times
 * QUESTION_WEIGHT for a question, and add it to the total.
 */
static void
end_sentence(Scorer *sc, bool question)
{
	double		q = question ? QUESTION_WEIGHT : 1.0;

	flush_mods(sc, sc->nmods);
	if (sc->seg > 0)
	{
		sc->total += q * (sc->before * CONTRAST_BEFORE + sc->cur * sc->contrast);
		if (sc->terms && !sc->terms->failed)
		{
			size_t		i;

			for (i = sc->sentence_first; i < sc->terms->n; i++)
				sc->terms->terms[i].score *= q * ((sc->terms->terms[i].seg < sc->seg) ?
												  CONTRAST_BEFORE : sc->contrast);
		}
	}
	else
	{
		sc->total += q * sc->cur;
		if (question && sc->terms && !sc->terms->failed)
		{
			size_t		i;

			for (i = sc->sentence_first; i < sc->terms->n; i++)
				sc->terms->terms[i].score *= q;
		}
	}
	sc->cur = sc->before = sc->contrast = 0;
	sc->seg = 0;
	sc->sentence_first = sc->terms ? sc->terms->n : 0;
	sc->last_pat = -1;
}

/*
 * A sentiment term at units [u_first, u_last]: apply the modifier chain
 * before it, unless it is a sign (emoji, emote code), which no degree adverb
 * or negator modifies.
 */
static void
score_term(Scorer *sc, int32_t pat, size_t start, size_t end, double w, int64_t u_first,
		   bool sign)
{
	int64_t		anchor = u_first;
	double		degree = 1,
				neg = 1;
	bool		degree_nearer = false,
				damped = false;
	int			i,
				used = 0;

	for (i = sc->nmods - 1; i >= 0 && !sign; i--)
	{
		const Mod  *md = &sc->mods[i];

		if (anchor - md->u_last - 1 > WINDOW)
			break;
		if (md->kind == KM_TK_DEGREE)
		{
			degree *= md->value;
			if (neg == 1)
				degree_nearer = true;
		}
		else
		{
			neg *= md->value;
			if (degree_nearer)
				damped = true;
		}
		anchor = md->u_first;
		used++;
	}
	flush_mods(sc, sc->nmods - used);
	sc->nmods = 0;
	add_term(sc, pat, start, end, w, damped ? w * neg * NEG_OVER_DEGREE : w * degree * neg);
}

/* Is code point cp (a term's first) an emoji or the [ of an emote code? */
static bool
is_sign(uint32_t cp)
{
	return cp == '[' || cp >= 0x1F000 || (cp >= 0x2190 && cp <= 0x21FF) ||
		(cp >= 0x2300 && cp <= 0x23FF) || (cp >= 0x2600 && cp <= 0x27BF) ||
		(cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0x203C || cp == 0x2049 ||
		cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299;
}

/* Does a character end a clause (modifiers stop), or a sentence too? */
static int
boundary(uint32_t f)
{
	switch (f)
	{
		case '.':
		case '!':
		case '?':
		case ';':
		case '\n':
		case 0x3002:			/* 。 */
		case 0x2026:			/* … */
			return 2;
		case ',':
		case ':':
		case 0x3001:			/* 、 */
		case '~':
		case 0xFF5E:
			return 1;
		default:
			return 0;
	}
}

/*
 * The longest pattern of the sentiment kinds starting at byte pos whose word
 * boundaries hold (prev_word: the character before pos is part of a word);
 * -1 if none, else its end in *end.
 */
static int32_t
longest(const KmMatcher *m, const unsigned char *p, size_t len, size_t pos, bool prev_word,
		size_t *end)
{
	const uint32_t mask = (1u << KM_TK_SENTIMENT) | (1u << KM_TK_DEGREE) |
		(1u << KM_TK_NEGATOR) | (1u << KM_TK_CONTRAST);
	int32_t		s = 0,
				best = -1;

	while (pos < len)
	{
		uint32_t	cp;
		int			n = km_text_decode(p + pos, len - pos, &cp);
		uint16_t	code = km_text_code(m, cp);
		int32_t		t;

		pos += n;
		if (code == KM_TEXT_CODE_SKIP)
			continue;
		if (code == KM_TEXT_CODE_NONE || m->cell[s].base <= 0)
			break;
		t = m->cell[s].base + code;
		if (t >= m->size || m->cell[t].check != s)
			break;
		s = t;
		if (m->cell[s].out == s && (m->pat_kinds[m->pat[s]] & mask))
		{
			int32_t		pt = m->pat[s];
			uint32_t	nx;
			bool		next_word = false;
			size_t		q = pos;

			if ((m->pat_flags[pt] & KM_PF_LEFT_WORD) && prev_word)
				return best;	/* every longer pattern shares the first character */
			while (q < len)
			{
				uint32_t	f;

				q += km_text_decode(p + q, len - q, &nx);
				f = km_text_fold(nx);
				if (f != 0)
				{
					next_word = km_text_is_word(f);
					break;
				}
			}
			if (!((m->pat_flags[pt] & KM_PF_RIGHT_WORD) && next_word))
			{
				best = pt;
				*end = pos;
			}
		}
	}
	return best;
}

/* The payload of one kind of a pattern, or NULL. */
static const KmTextPayload *
payload(const KmMatcher *m, int32_t pat, KmTextKind kind)
{
	int32_t		i;

	if ((m->pat_kinds[pat] & (1u << kind)) == 0)
		return NULL;
	for (i = m->pay_first[pat]; i < m->pay_first[pat] + m->pay_count[pat]; i++)
		if (m->pay[i].kind == kind)
			return &m->pay[i];
	return NULL;
}

/* Unit counting: a run of word characters is one unit, any other non-space character one. */
static inline void
count_unit(uint32_t f, int64_t *units, bool *prev_word)
{
	if (km_text_is_word(f))
	{
		if (!*prev_word)
			(*units)++;
		*prev_word = true;
	}
	else
	{
		*prev_word = false;
		if (f != ' ' && f != '\t' && f != '\n' && f != '\r')
			(*units)++;
	}
}

/* The sentiment of a text (see text.h). */
double
km_sentiment(const KmMatcher *m, const char *text, size_t len, KmSentTerms *terms)
{
	const unsigned char *p = (const unsigned char *) text;
	Scorer		sc;
	size_t		pos = 0;
	int64_t		units = 0,
				excl = 0;
	bool		prev_word = false,
				sign = false;
	uint32_t	last_f = 0;		/* the last character read, spaces aside */
	double		s;

	memset(&sc, 0, sizeof(sc));
	sc.terms = terms;
	sc.last_pat = -1;
	sc.sentence_first = terms ? terms->n : 0;
	while (pos < len)
	{
		size_t		end = 0;
		int32_t		pt = longest(m, p, len, pos, prev_word, &end);

		if (pt >= 0)
		{
			const KmTextPayload *ps = payload(m, pt, KM_TK_SENTIMENT),
					   *pd = payload(m, pt, KM_TK_DEGREE),
					   *pn = payload(m, pt, KM_TK_NEGATOR),
					   *pc = payload(m, pt, KM_TK_CONTRAST);
			int64_t		u_first;
			size_t		start = pos;

			/* the term's units, and any '!' inside it */
			{
				uint32_t	cp,
							f;
				int			n = km_text_decode(p + pos, len - pos, &cp);

				f = km_text_fold(cp);
				sign = is_sign(f);
				count_unit(f, &units, &prev_word);
				u_first = units - 1;
				excl += (f == '!');
				last_f = f;
				pos += n;
				while (pos < end)
				{
					pos += km_text_decode(p + pos, len - pos, &cp);
					f = km_text_fold(cp);
					if (f != 0)
						count_unit(f, &units, &prev_word);
					excl += (f == '!');
					if (f != 0 && f != ' ')
						last_f = f;
				}
			}
			if (pc != NULL && ps == NULL)
			{
				flush_mods(&sc, sc.nmods);
				sc.before += sc.cur;
				sc.cur = 0;
				sc.seg++;
				sc.contrast = pc->value;
			}
			else if (pd != NULL || pn != NULL)
			{
				Mod		   *md;

				if (sc.nmods == MAX_MODS)
					flush_mods(&sc, 1);
				md = &sc.mods[sc.nmods++];
				md->kind = pn ? KM_TK_NEGATOR : KM_TK_DEGREE;
				md->value = pn ? pn->value : pd->value;
				md->u_first = u_first;
				md->u_last = units - 1;
				md->own = ps ? ps->value : 0;
				md->pat = pt;
				md->start = start;
				md->end = end;
			}
			else if (ps != NULL && ps->value != 0)
				score_term(&sc, pt, start, end, ps->value, u_first, sign);
			continue;
		}
		else
		{
			uint32_t	cp,
						f;
			int			b;

			pos += km_text_decode(p + pos, len - pos, &cp);
			f = km_text_fold(cp);
			if (f == 0)
				continue;
			count_unit(f, &units, &prev_word);
			excl += (f == '!');
			b = boundary(f);
			if (b == 2)
				end_sentence(&sc, f == '?' || last_f == CP_MA);
			else if (b == 1)
				flush_mods(&sc, sc.nmods);
			if (f != ' ' && f != '\t' && f != '\r')
				last_f = f;
		}
	}
	end_sentence(&sc, last_f == CP_MA);
	s = sc.total;
	if (excl > EXCL_MAX)
		excl = EXCL_MAX;
	if (s > 0)
		s += excl * EXCL_INCR;
	else if (s < 0)
		s -= excl * EXCL_INCR;
	if (!isfinite(s))
		return s > 0 ? 1 : -1;
	if (fabs(s) > 1e100)
		return s > 0 ? 1 : -1;
	s = s / sqrt(s * s + NORM_ALPHA);
	if (s > 1)
		s = 1;
	if (s < -1)
		s = -1;
	return s;
}

/* The label of a score: 1 positive (>= 0.05), -1 negative (<= -0.05), 0 neutral. */
int
km_sentiment_sign(double score)
{
	if (score >= KM_SENT_POSITIVE)
		return 1;
	if (score <= KM_SENT_NEGATIVE)
		return -1;
	return 0;
}
