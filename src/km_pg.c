/*
 * km_pg.c
 *	  Module magic and the mapping of core error codes to SQLSTATEs.
 */
#include "km_pg.h"

#include "fmgr.h"
#include "utils/elog.h"

PG_MODULE_MAGIC;

/* The SQLSTATE a core error code stands for. */
int
km_sqlstate(KmCode code)
{
	switch (code)
	{
		case KM_ESYNTAX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case KM_EBINARY:
			return ERRCODE_INVALID_BINARY_REPRESENTATION;
		case KM_ERANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case KM_EPARAM:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case KM_ELIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case KM_ENOMEM:
			return ERRCODE_OUT_OF_MEMORY;
		case KM_OK:
			break;
	}
	return ERRCODE_INTERNAL_ERROR;
}
