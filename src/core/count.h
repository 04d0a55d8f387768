/*
 * count.h
 *	  Display counts as platforms print them: "1,234", "1.2万", "2.15亿", "2.1w",
 *	  "1.5k", "3千", "1.2M", "4.3B", "10万+" (doc/ingest.md, "parse_count").
 */
#ifndef KM_COUNT_H
#define KM_COUNT_H

#include "km_core.h"

/* What a parsed count says about itself. */
#define KM_COUNT_ROUNDED	0x01	/* a unit (万, k, M...) or a dropped fraction: display-rounded */
#define KM_COUNT_FLOOR		0x02	/* "+" suffix: at least this many */

/*
 * Parse a count string of len bytes (need not be NUL-terminated).
 *
 * Grammar (surrounding ASCII whitespace allowed, also between the parts):
 *   digits [',' ddd]* ['.' digits] [unit] ['+']
 * units: k K 千 = 10^3, w W 万 萬 = 10^4, m M = 10^6, 亿 億 = 10^8, b B = 10^9,
 * 十 = 10, 百 = 100; two Chinese units multiply ("1.2千万" = 12,000,000).
 * Arithmetic is exact decimal; a fraction of one unit left over is rounded
 * half up ("1.23455万" = 12346, "0.5" = 1).  On success *value holds the count and
 * *flags the KM_COUNT_* bits.  Errors: KM_ESYNTAX (detail says what is wrong),
 * KM_ERANGE (beyond int64).
 */
extern KmCode km_parse_count(const char *s, size_t len, int64_t *value,
							 unsigned *flags, KmError *err);

#endif							/* KM_COUNT_H */
