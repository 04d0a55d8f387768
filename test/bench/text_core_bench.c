/*
 * text_core_bench.c
 *	  The lexicon automaton without the server: builds it from a lexicon file
 *	  (lines "kind<TAB>term<TAB>weight", kind one of sentiment, degree,
 *	  negator, contrast, as `psql -XAt -F '<tab>'` prints kolmetrics.lexicon),
 *	  padded with generated terms up to N entries, and prints the build time,
 *	  the memory of the compiled automaton and the scan speed over a text file
 *	  (one comment a line): km_text_scan over every kind, and km_sentiment.
 *
 *	  Built and run by bench_text.sh (all of src/core, -O2):
 *	  text_core_bench lexicon.tsv comments.txt N [ROUNDS]
 *	  Padding terms are 2 to 4 characters drawn from the characters of the
 *	  lexicon's own terms (Chinese) or 5 to 10 Latin letters, with the
 *	  sentiment kind, seeded so every run builds the same automaton.
 */
#include "text.h"
#include "km_malloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU seconds of this process (the machine is shared: wall time would count others). */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Read a whole file into memory, NUL-terminated. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0)
	{
		perror(path);
		exit(2);
	}
	rewind(f);
	buf = malloc(n + 1);
	if (buf == NULL || fread(buf, 1, n, f) != (size_t) n)
	{
		perror(path);
		exit(2);
	}
	buf[n] = '\0';
	fclose(f);
	*len = n;
	return buf;
}

/* xorshift64: the padding's random numbers. */
static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Count the matches (km_text_scan's callback). */
static bool
count_match(void *arg, const KmTextMatch *mt)
{
	(void) mt;
	(*(size_t *) arg)++;
	return true;
}

int
main(int argc, char **argv)
{
	KmAlloc		alloc = KM_MALLOC;
	char	   *lex,
			   *text,
			   *p;
	size_t		lexlen,
				textlen,
				nlines = 0,
				found = 0,
				nzh = 0;
	int			target,
				rounds,
				n = 0,
				cap,
				r;
	KmTextEntry *e;
	uint32_t   *zh;
	char	   *pad;
	KmMatcher  *m;
	KmError		err;
	double		t0,
				t_build,
				t_scan,
				t_sent,
				sum = 0;
	char	  **lines;
	size_t	   *lens;

	if (argc < 4)
	{
		fprintf(stderr, "usage: %s lexicon.tsv comments.txt N [ROUNDS]\n", argv[0]);
		return 2;
	}
	lex = slurp(argv[1], &lexlen);
	text = slurp(argv[2], &textlen);
	target = atoi(argv[3]);
	rounds = argc > 4 ? atoi(argv[4]) : 5;
	cap = target + 100000;
	e = calloc(cap, sizeof(KmTextEntry));
	zh = calloc(lexlen + 1, sizeof(uint32_t));
	pad = malloc((size_t) cap * 16 + 1);
	/* the lexicon file */
	for (p = lex; *p && n < cap;)
	{
		char	   *eol = strchr(p, '\n'),
				   *t1,
				   *t2;
		bool		last = eol == NULL;

		if (last)
			eol = p + strlen(p);
		*eol = '\0';
		t1 = strchr(p, '\t');
		t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (t2 != NULL)
		{
			KmTextKind	k = strncmp(p, "sentiment", 9) == 0 ? KM_TK_SENTIMENT :
				strncmp(p, "degree", 6) == 0 ? KM_TK_DEGREE :
				strncmp(p, "negator", 7) == 0 ? KM_TK_NEGATOR : KM_TK_CONTRAST;
			const unsigned char *q = (const unsigned char *) t1 + 1;

			e[n].term = t1 + 1;
			e[n].len = t2 - t1 - 1;
			e[n].kind = k;
			e[n].value = atof(t2 + 1);
			e[n].label = -1;
			while (q < (const unsigned char *) t2)
			{
				uint32_t	cp;

				q += km_text_decode(q, (const unsigned char *) t2 - q, &cp);
				if (cp >= 0x4E00 && cp < 0xA000)
					zh[nzh++] = cp;
			}
			n++;
		}
		if (last)
			break;
		p = eol + 1;
	}
	/* padding up to target */
	{
		char	   *w = pad;

		while (n < target)
		{
			int			len,
						i;
			char	   *start = w;

			if (nzh > 0 && next_rand() % 3 != 0)
			{
				len = 2 + next_rand() % 3;
				for (i = 0; i < len; i++)
				{
					uint32_t	cp = zh[next_rand() % nzh];

					*w++ = (char) (0xE0 | (cp >> 12));
					*w++ = (char) (0x80 | ((cp >> 6) & 0x3F));
					*w++ = (char) (0x80 | (cp & 0x3F));
				}
			}
			else
			{
				len = 5 + next_rand() % 6;
				for (i = 0; i < len; i++)
					*w++ = (char) ('a' + next_rand() % 26);
			}
			e[n].term = start;
			e[n].len = w - start;
			e[n].kind = KM_TK_SENTIMENT;
			e[n].value = (double) (int) (next_rand() % 9) - 4;
			e[n].label = -1;
			n++;
		}
	}
	/* the build */
	km_clear(&err);
	t0 = now();
	m = km_matcher_build(e, n, alloc, &err);
	t_build = now() - t0;
	if (m == NULL)
	{
		fprintf(stderr, "build failed: %s\n", err.message);
		return 1;
	}
	/* the comments */
	lines = malloc(sizeof(char *) * (textlen / 2 + 2));
	lens = malloc(sizeof(size_t) * (textlen / 2 + 2));
	for (p = text; *p;)
	{
		char	   *eol = strchr(p, '\n');

		if (eol == NULL)
			eol = p + strlen(p);
		lines[nlines] = p;
		lens[nlines++] = eol - p;
		p = *eol ? eol + 1 : eol;
	}
	t0 = now();
	for (r = 0; r < rounds; r++)
	{
		size_t		i;

		for (i = 0; i < nlines; i++)
			km_text_scan(m, lines[i], lens[i], ~0u, count_match, &found);
	}
	t_scan = now() - t0;
	t0 = now();
	for (r = 0; r < rounds; r++)
	{
		size_t		i;

		for (i = 0; i < nlines; i++)
			sum += km_sentiment(m, lines[i], lens[i], NULL);
	}
	t_sent = now() - t0;
	printf("entries %d patterns %d states %d codes %d\n", n, m->npat, m->size, m->ncodes);
	printf("build_ms %.1f\n", t_build * 1e3);
	printf("memory_bytes %zu\n", m->bytes);
	printf("text_bytes %zu lines %zu matches_per_round %zu\n", textlen, nlines,
		   found / (size_t) (rounds > 0 ? rounds : 1));
	printf("scan_mb_s %.1f\n", textlen * (double) rounds / 1e6 / t_scan);
	printf("sentiment_mb_s %.1f (checksum %.6f)\n", textlen * (double) rounds / 1e6 / t_sent, sum);
	km_matcher_free(m);
	return 0;
}
