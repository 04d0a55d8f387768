/*
 * km_core.c
 *	  Error recording and UTF-8 cutting shared by the plain-C cores.
 */
#include "km_core.h"

#include <stdarg.h>
#include <stdio.h>

/* Format into buf (a detail or a message), valid UTF-8 whatever was quoted. */
static void error_text(char *buf, size_t size, const char *fmt, va_list ap)
			__attribute__((format(printf, 3, 0)));

/* fmt and ap into buf (empty when fmt is NULL), made valid UTF-8. */
static void
error_text(char *buf, size_t size, const char *fmt, va_list ap)
{
	if (fmt == NULL)
		buf[0] = '\0';
	else
	{
		vsnprintf(buf, size, fmt, ap);
		/* A quoted value may be cut by the buffer, or be raw hostile bytes. */
		km_utf8_sanitize(buf);
	}
}

/* Record an error with a printf-style detail sentence; returns the code. */
KmCode
km_fail(KmError *err, KmCode code, const char *fmt,...)
{
	va_list		ap;

	err->code = code;
	err->message[0] = '\0';
	va_start(ap, fmt);
	error_text(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
	return code;
}

/* Record an error with a printf-style message; returns the code. */
KmCode
km_fail_msg(KmError *err, KmCode code, const char *fmt,...)
{
	va_list		ap;

	err->code = code;
	err->detail[0] = '\0';
	va_start(ap, fmt);
	error_text(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

/* The length a UTF-8 lead byte announces: 2-4, or 1 for ASCII and invalid bytes. */
static int
utf8_lead_len(unsigned char c)
{
	return (c >= 0xF0 && c <= 0xF4) ? 4 : (c >= 0xE0 && c <= 0xEF) ? 3 :
		(c >= 0xC2 && c <= 0xDF) ? 2 : 1;
}

/* The byte length of the valid UTF-8 sequence at s (1-4), or 0 (km_utf8_len). */
static int
utf8_seq_len(const unsigned char *s)
{
	return s[0] < 0x80 ? 1 : km_utf8_len(s, 4);
}

/*
 * Longest prefix of at most max bytes that ends on a character boundary.  Reads
 * no byte at or past max, so s need not be terminated within max bytes.
 */
int
km_utf8_cut(const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		n = 0;

	while (n < max && p[n] != '\0')
	{
		int			want = utf8_lead_len(p[n]);

		if (n + want > max)
			break;
		/* an invalid sequence counts as one byte, to be replaced by the reader */
		n += (want > 1 && utf8_seq_len(p + n) == 0) ? 1 : want;
	}
	return (int) n;
}

/* Replace invalid bytes by '?' and drop a character cut at the end, in place. */
void
km_utf8_sanitize(char *s)
{
	unsigned char *p = (unsigned char *) s;

	while (*p != '\0')
	{
		int			len = utf8_seq_len(p);

		if (len > 0)
		{
			p += len;
			continue;
		}
		/* A sequence cut short by the terminator ends the string there. */
		if (utf8_lead_len(*p) > 1)
		{
			int			want = utf8_lead_len(*p);
			int			i;

			for (i = 1; i < want && (p[i] & 0xC0) == 0x80; i++)
				;
			if (i < want && p[i] == '\0')
			{
				*p = '\0';
				return;
			}
		}
		*p++ = '?';
	}
}
