/*
 * km_test.h
 *	  A tiny TAP producer for the unit tests of src/core.  Each test program
 *	  prints "ok N - name" / "not ok N - name" lines and a final plan; the test
 *	  command counts them.  Built with -fsanitize=address,undefined.
 */
#ifndef KM_TEST_H
#define KM_TEST_H

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static int	km_t_run;
static int	km_t_failed;

/* Report one check. */
static inline int
km_ok(int cond, const char *name, const char *file, int line)
{
	km_t_run++;
	if (cond)
		printf("ok %d - %s\n", km_t_run, name);
	else
	{
		km_t_failed++;
		printf("not ok %d - %s\n#   at %s:%d\n", km_t_run, name, file, line);
	}
	return cond;
}

#define ok(cond, name) km_ok(!!(cond), (name), __FILE__, __LINE__)

#define is_int(got, want, name) do { \
	int64_t g_ = (int64_t) (got), w_ = (int64_t) (want); \
	if (!km_ok(g_ == w_, (name), __FILE__, __LINE__)) \
		printf("#   got %" PRId64 ", want %" PRId64 "\n", g_, w_); \
} while (0)

/* |got - want| <= tol * max(1, |want|) */
#define is_near(got, want, tol, name) do { \
	double g_ = (got), w_ = (want); \
	double s_ = fabs(w_) > 1 ? fabs(w_) : 1; \
	if (!km_ok(fabs(g_ - w_) <= (tol) * s_, (name), __FILE__, __LINE__)) \
		printf("#   got %.17g, want %.17g\n", g_, w_); \
} while (0)

#define is_str(got, want, name) do { \
	const char *g_ = (got), *w_ = (want); \
	if (!km_ok(g_ && w_ && strcmp(g_, w_) == 0, (name), __FILE__, __LINE__)) \
		printf("#   got \"%s\", want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

/* Print the plan; exit status is non-zero when a check failed. */
static inline int
done_testing(void)
{
	printf("1..%d\n", km_t_run);
	return km_t_failed ? 1 : 0;
}

#endif							/* KM_TEST_H */
