/*
 * money_pg.h
 *	  Exact money between PostgreSQL numeric and the cores' KmMoney
 *	  (campaign.h), shared by the concepts that take numeric money: campaign
 *	  economics, live commerce and attribution (implemented in src/campaign.c).
 */
#ifndef KM_MONEY_PG_H
#define KM_MONEY_PG_H

#include "km_pg.h"

#include "utils/numeric.h"

#include "campaign.h"

/* Decode a numeric argument named what as exact money; raise 22023 / 22003 when it cannot be. */
extern void km_money_arg(Datum d, const char *what, KmMoney *out);

/* units / 10^10 as a numeric of display scale dscale (exact). */
extern Numeric km_money_numeric(km_i128 units, int dscale);

#endif							/* KM_MONEY_PG_H */
