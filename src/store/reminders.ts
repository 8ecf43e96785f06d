// Reminder items, the cards that showed them, acknowledgements and pauses. An item's unique key (recipient,
// subject, occasion) is the claim that it goes out once; its insert rides in the card's outbox batch.
import { and, asc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { auditLog, hazards, reminderCards, reminderItems, reminderPauses } from "../../db/schema";
import { auditRow } from "./audit";

export type ReminderItemRow = typeof reminderItems.$inferSelect;
export type NewReminderItem = typeof reminderItems.$inferInsert;
export type ReminderCardRow = typeof reminderCards.$inferSelect;

/** Every item ever sent about these subjects (dedupe and escalation work from them). */
export async function itemsAbout(db: Db, subjectKind: string, ids: number[]): Promise<ReminderItemRow[]> {
  if (ids.length === 0) return [];
  const rows: ReminderItemRow[] = [];
  // SQLite caps bound parameters: read in slices
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .select()
        .from(reminderItems)
        .where(
          and(
            eq(reminderItems.subjectKind, subjectKind),
            inArray(reminderItems.subjectId, ids.slice(i, i + 500)),
          ),
        )),
    );
  }
  return rows;
}

/** The statements that record a card and its new items: to run in one batch with the card's outbox row. */
export function cardStatements(
  db: Db,
  card: { id: string; recipient: string; day: string; chatId: string | null; itemIds: string[] },
  items: NewReminderItem[],
): BatchItem<"sqlite">[] {
  return [
    ...items.map((item) => db.insert(reminderItems).values(item)),
    db
      .insert(reminderCards)
      .values({ ...card, place: card.chatId ?? "private", itemIds: JSON.stringify(card.itemIds) }),
  ];
}

export async function getCard(db: Db, id: string): Promise<ReminderCardRow | undefined> {
  return db.select().from(reminderCards).where(eq(reminderCards.id, id)).get();
}

export function cardItemIds(card: ReminderCardRow): string[] {
  const parsed: unknown = JSON.parse(card.itemIds);
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
}

/** Items by id, in the order asked. */
export async function itemsByIds(db: Db, ids: string[]): Promise<ReminderItemRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(reminderItems).where(inArray(reminderItems.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is ReminderItemRow => r !== undefined);
}

/** Records the acknowledgement of items not yet acknowledged; returns the ids it recorded (a lost race: fewer). */
export async function acknowledge(db: Db, ids: string[], by: string, at: number): Promise<string[]> {
  if (ids.length === 0) return [];
  const done = await db
    .update(reminderItems)
    .set({ ackedAt: at, ackedBy: by })
    .where(and(inArray(reminderItems.id, ids), isNull(reminderItems.ackedAt)))
    .returning({ id: reminderItems.id });
  return done.map((r) => r.id);
}

/** Whether the recipient already got a card on this day in this place (one a day at most). */
export async function hasCardOn(db: Db, recipient: string, day: string, place = "private"): Promise<boolean> {
  const row = await db
    .select({ id: reminderCards.id })
    .from(reminderCards)
    .where(
      and(eq(reminderCards.recipient, recipient), eq(reminderCards.day, day), eq(reminderCards.place, place)),
    )
    .get();
  return row !== undefined;
}

/** Marks a private card as refused by Feishu (230013: the person is outside the app's availability). */
export async function markCardRefused(db: Db, id: string, code: number): Promise<void> {
  await db.update(reminderCards).set({ refusedCode: code }).where(eq(reminderCards.id, id));
}

/** The people whose latest private reminder card Feishu refused: shown as 无法私信. */
export async function unreachableRecipients(db: Db): Promise<Set<string>> {
  const rows = await db
    .select({
      recipient: reminderCards.recipient,
      day: reminderCards.day,
      refused: reminderCards.refusedCode,
      at: reminderCards.createdAt,
    })
    .from(reminderCards)
    .where(isNull(reminderCards.chatId))
    .orderBy(asc(reminderCards.day), asc(reminderCards.createdAt));
  const latest = new Map<string, number | null>();
  for (const r of rows) latest.set(r.recipient, r.refused);
  return new Set([...latest].filter(([, code]) => code !== null).map(([id]) => id));
}

/** Items sent within [from, to] (YYYY-MM-DD), for /提醒 状态. */
export async function itemsSentBetween(db: Db, from: string, to: string): Promise<ReminderItemRow[]> {
  return db
    .select()
    .from(reminderItems)
    .where(and(gte(reminderItems.sentOn, from), lte(reminderItems.sentOn, to)))
    .orderBy(asc(reminderItems.sentOn), asc(reminderItems.createdAt));
}

/** Counts of the items sent within [from, to]: all, acknowledged, escalations (the 周调度's line). */
export async function sentCountsBetween(
  db: Db,
  from: string,
  to: string,
): Promise<{ sent: number; acked: number; escalated: number }> {
  const row = await db
    .select({
      sent: sql<number>`count(*)`,
      acked: sql<number>`coalesce(sum(${reminderItems.ackedAt} is not null), 0)`,
      escalated: sql<number>`coalesce(sum(${reminderItems.stage} > 0), 0)`,
    })
    .from(reminderItems)
    .where(and(gte(reminderItems.sentOn, from), lte(reminderItems.sentOn, to)))
    .get();
  return {
    sent: Number(row?.sent ?? 0),
    acked: Number(row?.acked ?? 0),
    escalated: Number(row?.escalated ?? 0),
  };
}

/** Holds a subject's reminders through `until`, with the audit row, in one batch. */
export async function setPause(
  db: Db,
  pause: {
    subjectKind: string;
    subjectId: number;
    until: string;
    reason: string | null;
    pausedBy: string;
    pausedAt: number;
  },
  before: unknown,
): Promise<void> {
  await db.batch([
    db
      .insert(reminderPauses)
      .values(pause)
      .onConflictDoUpdate({
        target: [reminderPauses.subjectKind, reminderPauses.subjectId],
        set: { until: pause.until, reason: pause.reason, pausedBy: pause.pausedBy, pausedAt: pause.pausedAt },
      }),
    db.insert(auditLog).values(
      auditRow({
        actor: pause.pausedBy,
        action: "reminder.pause",
        subjectType: pause.subjectKind,
        subjectId: pause.subjectId,
        before,
        after: { until: pause.until, reason: pause.reason },
        at: pause.pausedAt,
      }),
    ),
  ]);
}

export async function pauseOf(
  db: Db,
  subjectKind: string,
  subjectId: number,
): Promise<typeof reminderPauses.$inferSelect | undefined> {
  return db
    .select()
    .from(reminderPauses)
    .where(and(eq(reminderPauses.subjectKind, subjectKind), eq(reminderPauses.subjectId, subjectId)))
    .get();
}

/** The ids of the hazards logged against a registered enterprise (an enterprise head's scope). */
export async function hazardIdsOfEnterprise(db: Db, enterpriseId: number): Promise<Set<number>> {
  const rows = await db
    .select({ id: hazards.id })
    .from(hazards)
    .where(eq(hazards.enterpriseId, enterpriseId));
  return new Set(rows.map((r) => r.id));
}
