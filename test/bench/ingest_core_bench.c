/*
 * ingest_core_bench.c
 *	  The payload mapper's speed without the server: reads lines
 *	  "<platform>\t<json>" (as `psql -XAt -F '<tab>'` prints them), maps every
 *	  payload with km_ingest_run, ROUNDS times, first with the fast parser and
 *	  then with json-c alone, and prints CPU time per payload and MB/s.  Both
 *	  passes must give the same sums (else exit 1).
 *
 *	  Built and run by bench_ingest.sh (all of src/core, -O2, json-c):
 *	  ingest_core_bench payloads.tsv [ROUNDS [fast]]   (fast: skip the json-c pass, for perf)
 */
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct Payload
{
	KmPlatform	p;
	const char *json;
	size_t		len;
} Payload;

static double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One pass over all payloads; sums of the counters and ids into sum[]. */
static int
pass(KmIngest *ing, const Payload *pl, size_t n, int64_t sum[KM_F_COUNT + 3])
{
	size_t		i;
	int			bad = 0;

	for (i = 0; i < n; i++)
	{
		KmError		err;
		const KmPost *q;
		int			f;

		km_clear(&err);
		if (km_ingest_run(ing, pl[i].p, pl[i].json, pl[i].len, false, &err) != KM_OK)
		{
			bad++;
			continue;
		}
		q = &ing->posts[0];
		for (f = 0; f < KM_F_COUNT; f++)
			if (q->flags[f] & KM_V_PRESENT)
				sum[f] += q->value[f] + q->flags[f];
		sum[KM_F_COUNT] += (int64_t) q->post_id_len;
		sum[KM_F_COUNT + 1] += (int64_t) q->author_id_len;
		sum[KM_F_COUNT + 2] += q->has_posted_at ? q->posted_at_us % 1000003 : 0;
		km_ingest_reset(ing);
	}
	return bad;
}

int
main(int argc, char **argv)
{
	FILE	   *f;
	char	   *text;
	long		size;
	Payload    *pl;
	size_t		n = 0,
				cap = 1024,
				bytes = 0;
	int			rounds = argc > 2 ? atoi(argv[2]) : 3;
	char	   *line,
			   *save = NULL;
	KmIngest	ing;
	KmError		err;
	int64_t		sums[2][KM_F_COUNT + 3];
	double		secs[2];
	int			bad[2],
				mode,
				r;

	if (argc < 2 || (f = fopen(argv[1], "rb")) == NULL)
	{
		fprintf(stderr, "usage: %s payloads.tsv [rounds]\n", argv[0]);
		return 2;
	}
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = malloc((size_t) size + 1);
	pl = malloc(cap * sizeof(Payload));
	if (text == NULL || pl == NULL || fread(text, 1, (size_t) size, f) != (size_t) size)
	{
		fclose(f);
		return 2;
	}
	fclose(f);
	text[size] = '\0';
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
	{
		char	   *tab = strchr(line, '\t');

		if (tab == NULL)
			continue;
		*tab = '\0';
		if (n == cap)
		{
			Payload    *npl = realloc(pl, cap * 2 * sizeof(Payload));

			if (npl == NULL)
			{
				free(pl);
				free(text);
				return 2;
			}
			pl = npl;
			cap *= 2;
		}
		if (!km_platform_from_name(line, &pl[n].p))
			continue;
		pl[n].json = tab + 1;
		pl[n].len = strlen(tab + 1);
		bytes += pl[n].len;
		n++;
	}
	km_clear(&err);
	if (km_ingest_init(&ing, &err) != KM_OK)
		return 2;
	for (mode = 0; mode < (argc > 3 && strcmp(argv[3], "fast") == 0 ? 1 : 2); mode++)
	{
		double		t0;

		ing.use_jsonc = (mode == 1);
		memset(sums[mode], 0, sizeof(sums[mode]));
		bad[mode] = pass(&ing, pl, n, sums[mode]);	/* warm-up, and the sums */
		t0 = cpu_seconds();
		for (r = 0; r < rounds; r++)
		{
			int64_t		scratch[KM_F_COUNT + 3] = {0};

			pass(&ing, pl, n, scratch);
		}
		secs[mode] = (cpu_seconds() - t0) / rounds;
	}
	if (mode == 1)
	{
		printf("core: %zu payloads, %.1f MB; fast parser %.0f ns/payload (%.0f MB/s)\n",
			   n, bytes / 1048576.0, secs[0] / n * 1e9, bytes / 1048576.0 / secs[0]);
		km_ingest_free(&ing);
		return 0;
	}
	printf("core: %zu payloads, %.1f MB; fast parser %.0f ns/payload (%.0f MB/s), json-c %.0f ns/payload (%.0f MB/s), speedup %.2fx; %d unmapped\n",
		   n, bytes / 1048576.0,
		   secs[0] / n * 1e9, bytes / 1048576.0 / secs[0],
		   secs[1] / n * 1e9, bytes / 1048576.0 / secs[1],
		   secs[1] / secs[0], bad[0]);
	km_ingest_free(&ing);
	if (bad[0] != bad[1] || memcmp(sums[0], sums[1], sizeof(sums[0])) != 0)
	{
		printf("!! fast parser and json-c results differ\n");
		return 1;
	}
	free(pl);
	free(text);
	return 0;
}
