/*
 * km_core.c
 *	  Error recording shared by the plain-C cores.
 */
#include "km_core.h"

#include <stdarg.h>
#include <stdio.h>

/* Record an error with a printf-style detail sentence; returns the code. */
KmCode
km_fail(KmError *err, KmCode code, const char *fmt,...)
{
	va_list		ap;

	err->code = code;
	if (fmt == NULL)
		err->detail[0] = '\0';
	else
	{
		va_start(ap, fmt);
		vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
		va_end(ap);
	}
	return code;
}
