/**
 * How long an AccountLedger keeps what of a debit (debit-records.ts, docs/capacity.md). No
 * Cloudflare types here: the capacity model (bench/capacity.ts) reads these in Node.
 */

/** A debit for POST /entitled is settled this long after it was made, if nothing settled it sooner. */
export const RECONCILE_AFTER_MS = 60_000;

/** Final debits' and spend records' keys are grouped in buckets of this span; a bucket is the unit of expiry. */
export const KEY_BUCKET_MS = 4 * 60 * 60 * 1000;

/**
 * How long after its bucket closes a final debit's (or a spend record's) key is kept: longer than
 * any copy of a ledger message already on the queue can take to arrive once the rater's outbox no
 * longer owes it (10 retries, then the dead-letter queue's 100, each ≤ 300 s: under 9 hours), with
 * room for a backlog. Keys the outbox still owes are kept until confirmed, whatever their age.
 */
export const SETTLED_KEY_WINDOW_MS = 36 * 60 * 60 * 1000;

/**
 * POST /entitled takes events stamped at most this long ago. A retry of an /entitled call is the
 * same event, so it arrives while the key of the first call's debit is still kept (the window
 * above, less a bucket and the 5 minutes an event may be ahead of the clock) and is answered
 * ALREADY_DEBITED instead of being debited again.
 */
export const ENTITLE_MAX_EVENT_AGE_MS = 24 * 60 * 60 * 1000;
