/*
 * auth.h
 *	  Authenticity (doc/authenticity.md): how real a KOL's audience and
 *	  engagement look, from the brand's own data.  Plain C, no postgres.h.
 *
 *	  KmAuth (authenticity_summary): exact counters and sums over a KOL's posts
 *	    from which the post signals are read (engagement rates by followers and
 *	    by views, likes per comment and its spread, the variation of
 *	    interactions and the peak post, the share of near-zero posts, the first
 *	    digits of every counter (Benford), the hours of posting).
 *	  KmComments (comment_summary): counters and bottom-k samples of comments.
 *	  KmCohort (authenticity_cohort): for each post and comment signal, a histogram of the
 *	    per-KOL values of a cohort (fixed bins in a fixed transform), so that a
 *	    KOL is judged by the cohort's median and MAD over KOLs.
 *	  KmFollowers (follower_summary): the follower-count snapshots of one
 *	    account, sorted, at most KM_FOL_CAP of them (the latest kept).
 *	  km_auth_score: per-signal suspicions in [0, 1] and the score
 *	    100 x prod(1 - weight x suspicion).
 */
#ifndef KM_AUTH_H
#define KM_AUTH_H

#include "km_core.h"
#include "km_flat.h"

/* The counters whose first digits are counted, in this order. */
#define KM_AUTH_NCOUNTERS 5		/* likes, comments, shares, saves, views */
extern const char *const km_auth_counter_names[KM_AUTH_NCOUNTERS];

/*
 * A post is "near zero" when its interactions are under 0.1% of its
 * followers, or, without followers, under 10 (redfox-data: < 10 diggs).
 */
#define KM_AUTH_NEAR_ZERO_ER 0.001
#define KM_AUTH_NEAR_ZERO 10

typedef struct KmAuth
{
	int64_t		n;				/* rows */
	int64_t		n_i;			/* posts with interactions (a counter not NULL) */
	int64_t		i_sum;			/* their interactions */
	double		i_sq;			/* sum of interactions^2 */
	int64_t		low;			/* near-zero posts (KM_AUTH_NEAR_ZERO_ER) */
	int64_t		n_f;			/* posts with interactions and followers > 0 */
	int64_t		i_f;			/* their interactions */
	int64_t		f_sum;			/* their followers */
	double		lf_sum;			/* sum of ln((interactions + 1) / followers) */
	int64_t		n_v;			/* posts with interactions and views > 0 */
	int64_t		i_v;			/* their interactions */
	int64_t		v_sum;			/* their views */
	double		lv_sum;			/* sum of ln((interactions + 1) / views) */
	int64_t		n_lc;			/* posts with likes and comments both not NULL */
	int64_t		lc_likes;		/* their likes */
	int64_t		lc_comments;	/* their comments */
	double		lr_sum;			/* sum of ln((likes + 1) / (comments + 1)) */
	double		lr_sq;			/* sum of its squares */
	int64_t		n_t;			/* posts with a time and interactions */
	int64_t		peak_i;			/* largest interactions of such a post */
	int64_t		peak_at;		/* its time (earliest on ties) */
	int64_t		t_first;		/* earliest time */
	int64_t		t_last;			/* latest time */
	int64_t		hours[24];		/* posts per UTC hour of day */
	int64_t		digits[KM_AUTH_NCOUNTERS][9];	/* first-digit counts 1..9 */
	int64_t		cmin[KM_AUTH_NCOUNTERS];	/* smallest positive value (0: none) */
	int64_t		cmax[KM_AUTH_NCOUNTERS];	/* largest value */
} KmAuth;

extern const KmFlatType km_auth_type;

/* One post's arguments; has[] false for SQL NULL. */
typedef struct KmAuthPost
{
	int64_t		c[KM_AUTH_NCOUNTERS];	/* likes, comments, shares, saves, views */
	bool		has[KM_AUTH_NCOUNTERS];
	int64_t		followers;
	bool		has_followers;
	int64_t		at;				/* microseconds since 2000-01-01 UTC (timestamptz) */
	bool		has_at;
} KmAuthPost;

extern void km_auth_init(KmAuth *a);
/* Add one post: KM_EPARAM for a negative counter (naming it), KM_ERANGE on overflow. */
extern KmCode km_auth_add(KmAuth *a, const KmAuthPost *p, KmError *err);
/* d += s; KM_ERANGE on overflow. */
extern KmCode km_auth_merge(KmAuth *d, const KmAuth *s, KmError *err);
/* Every invariant; code is KM_ESYNTAX (text) or KM_EBINARY (bytes). */
extern KmCode km_auth_validate(const KmAuth *a, KmCode code, KmError *err);

/* The post signals, in the cohort's order. */
typedef enum KmSignal
{
	KM_SIG_ER_FOLLOWERS,		/* log10 of the geometric mean ER by followers, low is suspicious */
	KM_SIG_ER_VIEWS,			/* log10 of the geometric mean ER by views, both sides */
	KM_SIG_LIKES_PER_COMMENT,	/* log10((lc_likes + 1) / (lc_comments + 1)), both sides */
	KM_SIG_LC_SPREAD,			/* sd of ln((likes+1)/(comments+1)), high */
	KM_SIG_CV,					/* sd / mean of interactions, low */
	KM_SIG_PEAK,				/* log10(peak / mean), high */
	KM_SIG_NEAR_ZERO,			/* low / n_i, high */
	KM_SIG_BENFORD,				/* Nigrini's MAD of first digits x sqrt(N / 100), high */
	KM_SIG_HOURS,				/* sqrt(n) x resultant length of posting hours, high */
	KM_SIG_NPOST,
	/* comment signals (comment_summary), judged against the cohort too */
	KM_SIG_DUPLICATE = KM_SIG_NPOST,	/* share of plain comments whose text occurs 3+ times, high */
	KM_SIG_EMOJI,				/* share of emoji- or emote-only comments, high */
	KM_SIG_GENERIC,				/* share of generic fillers, high */
	KM_SIG_AUTHORS,				/* distinct authors per comment, low */
	KM_SIG_CONCENTRATION,		/* log10(comments per effective author), high */
	KM_SIG_BURST,				/* share of comments in 10-second bursts of 5 or more, high */
	KM_SIG_NCOHORT,
	/* follower signals: judged by the account's own history */
	KM_SIG_FOLLOWER_JUMP = KM_SIG_NCOHORT,
	KM_SIG_FOLLOWER_PURGE,
	KM_SIG_COUNT
} KmSignal;

/* Which side of the cohort's median is suspicious. */
typedef enum KmSide
{
	KM_SIDE_LOW = -1,
	KM_SIDE_BOTH = 0,
	KM_SIDE_HIGH = 1
} KmSide;

typedef struct KmSignalInfo
{
	const char *name;			/* config key and JSON name */
	const char *label;			/* words of the report's sentence */
	KmSide		side;
	bool		logscale;		/* value read as log10 (reported as 10^x) */
	double		lo;				/* first cohort bin's lower edge (transformed) */
	double		width;			/* bin width (transformed) */
	double		min_scale;		/* floor of the cohort's robust standard deviation */
	int			min_n;			/* fewest posts (or digits, snapshots) it needs */
	const char *needs;			/* what min_n counts */
} KmSignalInfo;

extern const KmSignalInfo km_signal_info[KM_SIG_COUNT];

/*
 * A post signal of one summary, in the transformed scale (log10 where
 * logscale).  false when it cannot be computed; *have and *need then say
 * how many of what it had and needs, or *why says why in words.
 */
extern bool km_auth_signal(const KmAuth *a, KmSignal s, double *x, int64_t *have, int64_t *need,
						   const char **why);
/* The signal in its natural unit (a rate, a ratio, a share: 10^x for log signals). */
extern double km_signal_natural(KmSignal s, double x);

/*
 * Comments: exact counters and three bottom-k samples (the KM_CMT_K
 * smallest 64-bit hashes, ascending, each with the comments it stands for)
 * of normalized texts, authors and 10-second windows.  A bottom-k sample
 * merges exactly: the k smallest hashes of a union, with their full counts.
 */
#define KM_CMT_K 64
typedef struct KmComments
{
	int64_t		n;				/* comments */
	int64_t		emoji;			/* only emoji or bracket emote codes ([赞], [笑哭R]) */
	int64_t		generic;		/* a generic filler (+1, 沙发, nice, 打卡, ...) or empty */
	int64_t		authored;		/* comments with an author */
	int64_t		timed;			/* comments with a time */
	int64_t		texts;			/* comments with a text */
	int64_t		nb,
				na,
				nw;				/* entries used in each sample */
	/*
	 * Not stored (derived, km_cmt_settle): per sample, the largest hash when it
	 * is full, else UINT64_MAX, next to the counters so that a comment whose
	 * hashes fall beyond full samples touches one or two cache lines of a state.
	 */
	uint64_t	lim[3];
	int64_t		body_h[KM_CMT_K];	/* plain texts; hashes as int64 (bit pattern of uint64) */
	int64_t		body_c[KM_CMT_K];
	int64_t		author_h[KM_CMT_K];
	int64_t		author_c[KM_CMT_K];
	int64_t		win_h[KM_CMT_K];
	int64_t		win_c[KM_CMT_K];
} KmComments;

extern const KmFlatType km_comments_type;

extern void km_cmt_init(KmComments *c);
/* Add one comment (body may be NULL: counted, not classified); KM_ERANGE on overflow. */
extern KmCode km_cmt_add(KmComments *c, const char *body, size_t len, const char *author,
						 size_t alen, bool has_at, int64_t at, KmError *err);
extern KmCode km_cmt_merge(KmComments *d, const KmComments *s, KmError *err);
extern KmCode km_cmt_validate(const KmComments *c, KmCode code, KmError *err);
/* Derive lim[] of a summary read from text or bytes (validated). */
extern void km_cmt_settle(KmComments *c);
/*
 * The normalized text of a comment into out (at most len + 1 bytes): ASCII
 * and full-width letters lower-cased and narrowed, spaces and punctuation
 * (ASCII, full-width, CJK) dropped; *kind 0 plain, 1 emoji or emote only,
 * 2 generic filler or empty.
 */
extern size_t km_cmt_normalize(const char *body, size_t len, char *out, int *kind);
/* A comment signal; as km_auth_signal. */
extern bool km_cmt_signal(const KmComments *c, KmSignal s, double *x, int64_t *have, int64_t *need,
						  const char **why);

/* Cohort: per cohort signal, KM_COHORT_BINS bins of per-KOL values. */
#define KM_COHORT_BINS 128
typedef struct KmCohort
{
	int64_t		kols;			/* summaries added */
	int64_t		bins[KM_SIG_NCOHORT][KM_COHORT_BINS];
} KmCohort;

extern const KmFlatType km_cohort_type;

extern void km_cohort_init(KmCohort *c);
/* Add one KOL's signals (comments may be NULL). KM_ERANGE on overflow. */
extern KmCode km_cohort_add(KmCohort *c, const KmAuth *a, const KmComments *cm, KmError *err);
extern KmCode km_cohort_merge(KmCohort *d, const KmCohort *s, KmError *err);
extern KmCode km_cohort_validate(const KmCohort *c, KmCode code, KmError *err);

/* Median and robust standard deviation (1.4826 MAD, floored) of a signal; false below KM_COHORT_MIN. */
#define KM_COHORT_MIN 10
extern bool km_cohort_stats(const KmCohort *c, KmSignal s, double *median, double *scale,
							int64_t *kols);

/*
 * Follower snapshots: (time, followers) sorted by time, distinct times, at
 * most KM_FOL_CAP (the latest kept; dropped counts the older ones let go).
 */
#define KM_FOL_CAP 1000
typedef struct KmSnap
{
	int64_t		t;				/* microseconds since 2000-01-01 UTC (timestamptz) */
	int64_t		f;				/* followers */
} KmSnap;

typedef struct KmFollowers
{
	int64_t		n;				/* snapshots held */
	int64_t		dropped;		/* older snapshots dropped beyond KM_FOL_CAP */
	KmSnap	   *s;
} KmFollowers;

#define KM_FOL_HEADER 20		/* version, 3 zero bytes, dropped, n */

/* Sort, merge equal times (largest count kept), keep the latest KM_FOL_CAP. */
extern void km_fol_normalize(KmFollowers *s);
/* Packed length of a normalized summary. */
extern size_t km_fol_len(const KmFollowers *s);
extern void km_fol_pack(const KmFollowers *s, uint8_t *buf);
/* Read and validate into s->s, which has room for KM_FOL_CAP snapshots. */
extern KmCode km_fol_unpack(const uint8_t *buf, size_t len, KmFollowers *s, KmError *err);
extern size_t km_fol_text_max(const KmFollowers *s);
extern void km_fol_format(const KmFollowers *s, char *out, size_t size);
/* Parse into s->s (room for KM_FOL_CAP); KM_ESYNTAX. */
extern KmCode km_fol_parse(const char *str, KmFollowers *s, KmError *err);
/* A snapshot's follower count: KM_EPARAM naming it when negative. */
extern KmCode km_fol_check(int64_t followers, KmError *err);

/* The follower signals of a normalized summary (posts may be NULL). */
typedef struct KmFolSignals
{
	bool		has;			/* >= KM_ANOMALY_MIN_POINTS snapshots */
	int64_t		snapshots;
	double		jump_z;			/* largest modified z-score of a rise per day */
	int64_t		jump;			/* its rise in followers */
	int64_t		jump_at;		/* time of the snapshot after the rise */
	double		jump_rel;		/* rise / followers before it */
	double		explained;		/* share of the jump a peak post near it explains, [0, 1] */
	bool		has_peak;
	int64_t		peak_i;			/* the peak post's interactions and time, when given */
	int64_t		peak_at;
	double		drop_z;			/* most negative z-score after the jump, within 90 days */
	double		drop_rel;		/* drop / followers before it */
	int64_t		drop;			/* its fall in followers (>= 0) */
	int64_t		drop_at;
	double		jump_susp;		/* suspicions of the two follower signals */
	double		purge_susp;
} KmFolSignals;

/* Bytes of work km_fol_signals needs for n snapshots. */
extern size_t km_fol_work_size(int64_t n);
extern KmCode km_fol_signals(const KmFollowers *s, const KmAuth *posts, KmFolSignals *out,
							 void *work, KmError *err);

/* Own-history judgement of follower changes (Iglewicz and Hoaglin's 3.5 to 10). */
#define KM_FOL_Z0 3.5
#define KM_FOL_Z1 10.0
/* A rise matters from 1% of the followers before it (full weight at 5%). */
#define KM_FOL_REL0 0.01
#define KM_FOL_REL1 0.05
/* A peak post explains a jump it precedes by at most this long. */
#define KM_FOL_PEAK_WINDOW (INT64_C(7) * 86400000000)
/* A purge is a drop within this long after the jump. */
#define KM_FOL_PURGE_WINDOW (INT64_C(90) * 86400000000)

/* Suspicion of a robust z in a signal's suspicious direction: (z - 3) / (7 - 3), in [0, 1]. */
#define KM_SUSP_Z0 3.0
#define KM_SUSP_Z1 7.0
extern double km_suspicion(double z);

/* One signal of a score. */
typedef struct KmSignalResult
{
	bool		has;			/* computed (else why says why) */
	double		x;				/* the KOL's value (transformed scale) */
	double		value;			/* in its natural unit */
	double		reference;		/* the cohort's median, natural unit (post signals) */
	double		median;			/* transformed */
	double		scale;			/* cohort's robust sd (transformed) */
	double		z;				/* robust z in the suspicious direction */
	double		suspicion;		/* [0, 1] */
	double		weight;			/* from the configuration, [0, 1] */
	double		contribution;	/* points of the score it takes, <= 0 */
	int64_t		cohort_kols;	/* KOLs of the cohort with this signal */
	char		why[128];		/* why it is missing */
} KmSignalResult;

typedef struct KmScore
{
	double		score;			/* 100 x prod(1 - weight x suspicion) over computed signals */
	int			used;			/* signals computed */
	KmSignalResult sig[KM_SIG_COUNT];
	KmFolSignals fol;
} KmScore;

/*
 * Score one KOL: posts (and comments, when not NULL) against the cohort,
 * and its follower snapshots when followers is not NULL.  weights[KM_SIG_COUNT] in [0, 1]; work holds
 * km_fol_work_size(followers->n) bytes.
 */
extern KmCode km_auth_score(const KmAuth *posts, const KmCohort *cohort, const KmFollowers *followers,
							const KmComments *comments, const double *weights, void *work,
							KmScore *out, KmError *err);

/* The sentence of a signal an analyst can forward. */
extern void km_auth_sentence(const KmScore *sc, KmSignal s, char *buf, size_t size);

/* A time in microseconds since 2000-01-01 as YYYY-MM-DD (UTC). */
extern void km_format_date(int64_t at, char *buf, size_t size);

#endif							/* KM_AUTH_H */
