/*
 * campaign_pg.h
 *	  Shared pieces of the SQL face of campaign economics (campaign.c,
 *	  campaign_agg.c, campaign_num.c).
 */
#ifndef KM_CAMPAIGN_PG_H
#define KM_CAMPAIGN_PG_H

#include "km_pg.h"

#include "fmgr.h"
#include "utils/numeric.h"

#include "campaign.h"

/*
 * campaign_summary on disk: a varlena whose payload is the KM_CAMP_WIRE_LEN
 * byte binary form of the core (version byte, presence bits, display scales,
 * reserved zero bytes, big-endian sums).  The same bytes are the send/recv
 * form and the serialised aggregate state, so all three are validated by one
 * function, km_campaign_from_wire().
 */

/* Pack a summary into a new campaign_summary datum. */
extern Datum km_campaign_datum(const KmCampaign *s);

/* Unpack (and validate) a campaign_summary datum. */
extern void km_campaign_unpack(Datum d, KmCampaign *s);

/*
 * Decode a numeric argument as exact money; raises 22023 (negative, NaN,
 * infinite, more than 10 decimal places) or 22003 (too large) naming `what`
 * and the value.
 */
extern void km_money_arg(Datum d, const char *what, KmMoney *out);

/* A money sum as numeric with its display scale. */
extern Numeric km_money_numeric(km_i128 units, int dscale);

/* Evaluate a ratio of sums; *isnull when undefined (see KmRatioPlan). */
extern Numeric km_campaign_ratio(const KmCampaign *s, KmRatio r, bool *isnull);

#endif							/* KM_CAMPAIGN_PG_H */
