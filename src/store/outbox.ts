// Queries over the outbox: every outgoing message is a row before it is sent, so nothing is lost.
import { and, asc, desc, eq, isNotNull, isNull, lte, min, ne, or, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { outbox, outboxFiles } from "../../db/schema";

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;
export type NewOutboxFile = typeof outboxFiles.$inferInsert;
export type OutboxFile = typeof outboxFiles.$inferSelect;

/** Stores a message to send; a row with its id already there (a resumed run's answer) stays as it was. */
export async function insertOutbox(db: Db, row: NewOutboxRow): Promise<void> {
  await db.insert(outbox).values(row).onConflictDoNothing();
}

/**
 * Stores messages in one batch with other writes (a job's claim): all of them or none. A write that fails
 * (the claim already taken) throws, and no message is stored; a message row already there (a resumed run's
 * answer, its id the same) stays as it was.
 */
export async function insertOutboxWith(
  db: Db,
  alongside: BatchItem<"sqlite">[],
  rows: NewOutboxRow[],
  files: NewOutboxFile[] = [],
): Promise<void> {
  const statements: BatchItem<"sqlite">[] = [
    ...alongside,
    ...rows.map((row) => db.insert(outbox).values(row).onConflictDoNothing()),
    ...files.map((file) => db.insert(outboxFiles).values(file).onConflictDoNothing()),
  ];
  const [first, ...rest] = statements;
  if (first !== undefined) await db.batch([first, ...rest]);
}

function notLeased(now: number): SQL {
  return or(isNull(outbox.leasedUntil), lte(outbox.leasedUntil, now))!;
}

/**
 * Takes a pending row for this sender for `leaseMs` and returns it; nothing when another sender holds it, or
 * (unless `early`) when it waits for a later retry.
 */
export async function leaseOutbox(
  db: Db,
  id: string,
  o: { now: number; leaseMs: number; early: boolean },
): Promise<OutboxRow | undefined> {
  const [row] = await db
    .update(outbox)
    .set({ leasedUntil: o.now + o.leaseMs })
    .where(
      and(
        eq(outbox.id, id),
        eq(outbox.status, "pending"),
        notLeased(o.now),
        o.early ? undefined : lte(outbox.nextAttemptAt, o.now),
      ),
    )
    .returning();
  return row;
}

export async function markSent(db: Db, id: string, messageId: string | null, now: number, attempts: number) {
  await db
    .update(outbox)
    .set({ status: "sent", messageId, sentAt: now, attempts, lastError: null, leasedUntil: null })
    .where(eq(outbox.id, id));
}

export async function markRetry(db: Db, id: string, error: string, attempts: number, nextAttemptAt: number) {
  await db
    .update(outbox)
    .set({ attempts, lastError: error, nextAttemptAt, leasedUntil: null })
    .where(eq(outbox.id, id));
}

export async function markFailed(db: Db, id: string, error: string, attempts: number) {
  await db
    .update(outbox)
    .set({ status: "failed", attempts, lastError: error, leasedUntil: null })
    .where(eq(outbox.id, id));
}

/** Pending rows due for a retry and not being sent, oldest first. */
export async function dueOutbox(db: Db, now: number, limit: number): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), notLeased(now)))
    .orderBy(asc(outbox.createdAt), sql`rowid`)
    .limit(limit);
}

/** Pending rows not being sent, due or not, oldest first; of one recipient (a chat or a person) when given. */
export async function waitingOutbox(
  db: Db,
  o: { now: number; limit: number; receiveId?: string | undefined },
): Promise<Pick<OutboxRow, "id" | "receiveId">[]> {
  return db
    .select({ id: outbox.id, receiveId: outbox.receiveId })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, "pending"),
        notLeased(o.now),
        o.receiveId === undefined ? undefined : eq(outbox.receiveId, o.receiveId),
      ),
    )
    .orderBy(asc(outbox.createdAt), sql`rowid`)
    .limit(o.limit);
}

/** What a message the bot sent was about (its `ref`, e.g. `hazard:12`), found by Feishu's message id. */
export async function refOfMessage(db: Db, messageId: string): Promise<string | undefined> {
  const row = await db
    .select({ ref: outbox.ref })
    .from(outbox)
    .where(and(eq(outbox.messageId, messageId), isNotNull(outbox.ref)))
    .get();
  return row?.ref ?? undefined;
}

/** When the bot's own message was sent, by Feishu's message id; null when the outbox never sent it. */
export async function sentAtOf(db: Db, messageId: string): Promise<number | null> {
  const row = await db
    .select({ at: min(outbox.sentAt) })
    .from(outbox)
    .where(and(eq(outbox.messageId, messageId), ne(outbox.kind, "patch")))
    .get();
  return row?.at ?? null;
}

export async function getOutbox(db: Db, id: string): Promise<OutboxRow | undefined> {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}

/** The card JSON the bot last put in a message (posted or patched), if it was a card the outbox knows. */
export async function lastCardOf(db: Db, messageId: string): Promise<string | undefined> {
  const row = await db
    .select({ content: outbox.content })
    .from(outbox)
    .where(and(eq(outbox.messageId, messageId), eq(outbox.msgType, "interactive")))
    .orderBy(desc(outbox.createdAt))
    .get();
  return row?.content;
}

/** A file message's bytes and, once uploaded, its file_key. */
export async function getOutboxFile(db: Db, outboxId: string): Promise<OutboxFile | undefined> {
  return db.select().from(outboxFiles).where(eq(outboxFiles.outboxId, outboxId)).get();
}

/** Keeps the file_key of an uploaded file, so a retry of its send does not upload it again. */
export async function setOutboxFileKey(db: Db, outboxId: string, fileKey: string): Promise<void> {
  await db.update(outboxFiles).set({ fileKey }).where(eq(outboxFiles.outboxId, outboxId));
}
