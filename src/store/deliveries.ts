// Remembers which Feishu deliveries were handled, so a redelivered event does its work once, across restarts;
// an event with work to do keeps its payload until that work is done, so a run cut short is resumed.
import { and, asc, eq, isNotNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries, deliverySteps } from "../../db/schema";
import type { StepRow } from "./step-journal";

/** A claim's row as the INSERT below reads it: key, payload, lease owner, lease until, attempts. */
type ClaimRow = [string, string | null, string | null, number | null, number];

/**
 * All of a batch's claims in one statement whose text never changes: the rows travel as one JSON array. Built
 * by drizzle, the INSERT had a text (and a prepare) per batch size and 5 parameters a row; it cost ~4× as much
 * per event (the ingest bench's profile).
 */
const INSERT_CLAIMS = `INSERT INTO deliveries (key, payload, lease_owner, lease_until, attempts)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?) WHERE true
  ON CONFLICT DO NOTHING RETURNING key`;

/** Keys of events with no work (group chatter), remembered as seen: nothing to return, nothing to lease. */
const INSERT_SEEN = `INSERT INTO deliveries (key) SELECT value FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`;

/**
 * How long seen keys gather before they are written together. Nothing waits on them (no acknowledgement, no
 * work), so a batch can be far larger than a claim's, which holds its acknowledgement.
 */
const SEEN_GATHER_MS = 25;

interface Claim {
  keys: string[];
  /** the event to keep until its work is done (stored on the first key); none for chatter */
  payload: string | null;
  resolve(fresh: boolean): void;
  reject(error: unknown): void;
}

export interface LedgerOptions {
  /** this instance, the owner of the leases it takes */
  owner: string;
  /** how long a claimed event is this instance's before another may resume it */
  leaseMs: number;
  now: () => number;
  /**
   * Runs the write of the claims gathered so far, once the current turn is over (Node: setImmediate, so the
   * claims of every request parsed in one turn of the event loop share it). Default: a microtask.
   */
  nextTurn?: (write: () => void) => void;
}

/**
 * Claims delivery keys (e.g. `event:<id>` and `message:<id>`): a claim is fresh when none of its keys was
 * claimed before. Claims that arrive together are written in one INSERT (group commit): each commit costs far
 * more than a row, and under load many events arrive in the same turn of the event loop. A claim with a payload
 * takes the lease on its event at once: the work behind the acknowledgement is this instance's.
 */
export class DeliveryLedger {
  private queue: Claim[] = [];
  private scheduled = false;
  private seen: string[] = [];
  private seenWritten: Promise<void> | null = null;
  /** events whose work runs in this process now: a resumer here leaves them alone */
  readonly running = new Set<string>();

  constructor(
    private readonly db: Db,
    readonly options: LedgerOptions,
  ) {}

  claim(keys: string[], payload: string | null = null): Promise<boolean> {
    const unique = [...new Set(keys.filter((k) => k !== ""))];
    if (unique.length === 0) return Promise.resolve(true);
    return new Promise((resolve, reject) => {
      this.queue.push({ keys: unique, payload, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // Claims made in the same turn of the event loop share the commit. A commit costs ~90 µs, a row in a
        // commit of 32 ~9 µs. Waiting longer (a timer of 1–4 ms) gathered more but left the server idle.
        (this.options.nextTurn ?? queueMicrotask)(() => void this.flush());
      }
    });
  }

  /**
   * Remembers the key of an event that has no work (group chatter, most of what a group bot hears) without a
   * claim: a redelivery of it would do nothing either, so nobody waits for the answer. Keys seen within
   * SEEN_GATHER_MS are written in one statement; the promise resolves once they are.
   */
  remember(key: string): Promise<void> {
    this.seen.push(key);
    this.seenWritten ??= new Promise((wait) => setTimeout(wait, SEEN_GATHER_MS)).then(() => this.writeSeen());
    return this.seenWritten;
  }

  private async writeSeen(): Promise<void> {
    const keys = this.seen;
    this.seen = [];
    this.seenWritten = null;
    await this.db.$client.execute({ sql: INSERT_SEEN, args: [JSON.stringify(keys)] });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    // Within one batch the first claim of a key owns it; a later claim of the same key is a duplicate.
    const owner = new Map<string, Claim>();
    for (const claim of batch) for (const key of claim.keys) if (!owner.has(key)) owner.set(key, claim);
    const leaseUntil = this.options.now() + this.options.leaseMs;
    try {
      const rows = [...owner].map(([key, claim]): ClaimRow => {
        const carries = claim.payload !== null && claim.keys[0] === key;
        return carries ? [key, claim.payload, this.options.owner, leaseUntil, 1] : [key, null, null, null, 0];
      });
      const written = await this.db.$client.execute({ sql: INSERT_CLAIMS, args: [JSON.stringify(rows)] });
      const inserted = new Set(written.rows.map((row) => String(row[0])));
      for (const claim of batch) {
        const fresh = claim.keys.every((k) => inserted.has(k) && owner.get(k) === claim);
        // Its work is this process's from now: a resumer here must not take it before the work starts.
        if (fresh && claim.payload !== null) this.running.add(claim.keys[0]!);
        claim.resolve(fresh);
      }
    } catch (error) {
      for (const claim of batch) claim.reject(error);
    }
  }
}

/** What finishing an event clears, as fixed SQL: it runs once for every event with work. */
const FINISH = [
  "UPDATE deliveries SET payload = NULL, lease_owner = NULL, lease_until = NULL WHERE key = ?",
  "DELETE FROM delivery_steps WHERE delivery = ?",
];

/** The event's work is done (or given up): it forgets the payload and the steps of its run. */
export async function finishDelivery(db: Db, key: string): Promise<void> {
  await db.$client.batch(
    FINISH.map((sql) => ({ sql, args: [key] })),
    "write",
  );
}

/** What a run of this delivery wrote so far, for its resumption. */
export async function stepsOf(db: Db, key: string): Promise<StepRow[]> {
  return db
    .select({
      seq: deliverySteps.seq,
      reads: deliverySteps.reads,
      statement: deliverySteps.statement,
      changes: deliverySteps.changes,
      lastRowid: deliverySteps.lastRowid,
      returned: deliverySteps.returned,
    })
    .from(deliverySteps)
    .where(eq(deliverySteps.delivery, key))
    .orderBy(asc(deliverySteps.seq));
}

export interface Unfinished {
  key: string;
  payload: string;
  /** runs started, this one included */
  attempts: number;
}

export interface TakeOptions {
  now: number;
  owner: string;
  leaseMs: number;
  limit: number;
  /** at start: leases held by this owner's previous life are dead, whatever their time */
  reclaimOwner?: string | undefined;
}

/**
 * Takes the lease on unfinished events whose lease ran out (oldest first): each conditional update succeeds
 * for one taker only, so two instances on one database never resume the same event.
 */
export async function takeUnfinished(db: Db, o: TakeOptions): Promise<Unfinished[]> {
  const free = o.reclaimOwner
    ? or(lte(deliveries.leaseUntil, o.now), eq(deliveries.leaseOwner, o.reclaimOwner))
    : lte(deliveries.leaseUntil, o.now);
  const candidates = await db
    .select({ key: deliveries.key })
    .from(deliveries)
    .where(and(isNotNull(deliveries.payload), free))
    .orderBy(asc(deliveries.receivedAt))
    .limit(o.limit);
  const taken: Unfinished[] = [];
  for (const { key } of candidates) {
    const [row] = await db
      .update(deliveries)
      .set({
        leaseOwner: o.owner,
        leaseUntil: o.now + o.leaseMs,
        attempts: sql`${deliveries.attempts} + 1`,
      })
      .where(and(eq(deliveries.key, key), isNotNull(deliveries.payload), free))
      .returning({ payload: deliveries.payload, attempts: deliveries.attempts });
    if (row?.payload) taken.push({ key, payload: row.payload, attempts: row.attempts });
  }
  return taken;
}

/** Forgets deliveries older than `before` (ms): kept longer than the replay window (src/bot/receive.ts). */
export async function pruneDeliveries(db: Db, before: number): Promise<number> {
  const result = await db.delete(deliveries).where(sql`${deliveries.receivedAt} < ${before}`);
  return result.rowsAffected;
}
