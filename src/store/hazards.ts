// The hazard ledger's writes and single-hazard reads: creation with its number, one hazard with its history,
// and every change with its history row and audit row in one batch, so none lands without the others.
import { and, asc, count, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import {
  auditLog,
  cardSubmissions,
  enterprises,
  hazardCounters,
  hazardEvents,
  hazardSupervisions,
  hazards,
  sectors,
  units,
} from "../../db/schema";
import { foldDescription } from "../domain/hazard-duplicates";
import type { HazardStatus } from "../domain/hazard-lifecycle";
import { auditRow } from "./audit";
import { refOfMessage } from "./outbox";

export type HazardRow = typeof hazards.$inferSelect;
export type HazardEventRow = typeof hazardEvents.$inferSelect;
export type HazardEventKind = HazardEventRow["kind"];
export type PostingRow = typeof hazardSupervisions.$inferSelect;

export interface HazardView extends HazardRow {
  unitName: string;
  sectorName: string;
  /** the registered enterprise's 主要负责人, when the hazard is linked to one */
  enterpriseHead: string | null;
}

export interface HazardDetail {
  hazard: HazardView;
  /** the latest events, oldest first */
  events: HazardEventRow[];
  eventCount: number;
  /** every 督办 posting, withdrawn ones too, in the order they were made */
  postings: PostingRow[];
  /** who reported the latest 整改完成, null when none was */
  rectifiedBy: string | null;
}

export interface NewHazard {
  year: number;
  unitId: number;
  enterpriseId: number | null;
  enterpriseName: string;
  sectorId: number;
  description: string;
  measures: string;
  deadline: string;
  source: HazardRow["source"];
  level: HazardRow["level"];
  /** 发现日期, YYYY-MM-DD */
  foundOn: string;
  reportedBy: string;
  chatId: string | null;
  cardMessageId: string | null;
  at: number;
  /** a card form's submit key: stored in the same batch, so a second press creates nothing */
  submissionKey?: string | undefined;
}

/**
 * Logs a hazard under the next number of its year. The counter's upsert, the hazard, its first history row,
 * the audit row (and the form's submission key) are one batch, i.e. one transaction: the number is read by
 * the statements after the upsert inside it, so concurrent creations can never share a number, and a failed
 * creation gives its number back.
 */
export async function createHazard(db: Db, h: NewHazard): Promise<HazardRow> {
  const number = sql<string>`(SELECT printf('YH-%d-%04d', ${hazardCounters.year}, ${hazardCounters.last}) FROM ${hazardCounters} WHERE ${hazardCounters.year} = ${h.year})`;
  const hazardId = sql<number>`(SELECT ${hazards.id} FROM ${hazards} WHERE ${hazards.number} = ${number})`;
  const fields = {
    unitId: h.unitId,
    enterpriseId: h.enterpriseId,
    enterpriseName: h.enterpriseName,
    sectorId: h.sectorId,
    description: h.description,
    measures: h.measures,
    deadline: h.deadline,
    source: h.source,
    level: h.level,
    foundOn: h.foundOn,
    status: "待整改" as const,
  };
  const [, inserted] = await db.batch([
    db
      .insert(hazardCounters)
      .values({ year: h.year, last: 1 })
      .onConflictDoUpdate({ target: hazardCounters.year, set: { last: sql`${hazardCounters.last} + 1` } }),
    db
      .insert(hazards)
      .values({
        ...fields,
        number,
        descriptionKey: foldDescription(h.description),
        reportedBy: h.reportedBy,
        chatId: h.chatId,
        cardMessageId: h.cardMessageId,
        createdAt: h.at,
        updatedAt: h.at,
      })
      .returning(),
    db.insert(hazardEvents).values({
      hazardId,
      at: h.at,
      actor: h.reportedBy,
      kind: "created",
      toStatus: "待整改",
    }),
    db.insert(auditLog).values({
      ...auditRow({
        actor: h.reportedBy,
        action: "hazard.create",
        subjectType: "hazard",
        subjectId: "",
        after: fields,
        at: h.at,
      }),
      subjectId: number,
    }),
    ...(h.submissionKey ? [db.insert(cardSubmissions).values({ key: h.submissionKey, result: number })] : []),
  ]);
  return inserted[0]!;
}

/** The hazard number a form submit created, when that form was submitted before. */
export async function submissionResult(db: Db, key: string): Promise<string | undefined> {
  const row = await db.select().from(cardSubmissions).where(eq(cardSubmissions.key, key)).get();
  return row?.result;
}

const viewColumns = {
  ...getTableColumns(hazards),
  unitName: units.name,
  sectorName: sectors.name,
  enterpriseHead: enterprises.headName,
};

function viewQuery(db: Db, where: SQL | undefined) {
  return db
    .select(viewColumns)
    .from(hazards)
    .innerJoin(units, eq(units.id, hazards.unitId))
    .innerJoin(sectors, eq(sectors.id, hazards.sectorId))
    .leftJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
    .where(where);
}

export async function getHazardView(db: Db, number: string): Promise<HazardView | undefined> {
  return viewQuery(db, eq(hazards.number, number)).get();
}

/** One hazard with its latest `limit` events (oldest first) and how many there are in all. */
export async function getHazardDetail(db: Db, number: string, limit = 10): Promise<HazardDetail | undefined> {
  const hazard = await getHazardView(db, number);
  if (!hazard) return undefined;
  const [latest, total, postings, rectified] = await db.batch([
    db
      .select()
      .from(hazardEvents)
      .where(eq(hazardEvents.hazardId, hazard.id))
      .orderBy(desc(hazardEvents.at), desc(hazardEvents.id))
      .limit(limit),
    db.select({ n: count() }).from(hazardEvents).where(eq(hazardEvents.hazardId, hazard.id)),
    db
      .select()
      .from(hazardSupervisions)
      .where(eq(hazardSupervisions.hazardId, hazard.id))
      .orderBy(asc(hazardSupervisions.postedAt), asc(hazardSupervisions.id)),
    db
      .select({ actor: hazardEvents.actor })
      .from(hazardEvents)
      .where(and(eq(hazardEvents.hazardId, hazard.id), eq(hazardEvents.kind, "rectified")))
      .orderBy(desc(hazardEvents.at), desc(hazardEvents.id))
      .limit(1),
  ]);
  return {
    hazard,
    events: latest.reverse(),
    eventCount: total[0]?.n ?? 0,
    postings,
    rectifiedBy: rectified[0]?.actor ?? null,
  };
}

/** The hazard whose card is this message (a reply to the card carries it as parent_id). */
export async function getHazardNumberByCard(db: Db, messageId: string): Promise<string | undefined> {
  const latest = await db
    .select({ number: hazards.number })
    .from(hazards)
    .where(eq(hazards.cardMessageId, messageId))
    .get();
  if (latest) return latest.number;
  // An older card of the hazard (or the one its enterprise head got privately): the outbox knows what it showed.
  const ref = /^hazard:(\d+)$/.exec((await refOfMessage(db, messageId)) ?? "");
  if (!ref) return undefined;
  const row = await db
    .select({ number: hazards.number })
    .from(hazards)
    .where(eq(hazards.id, Number(ref[1])))
    .get();
  return row?.number;
}

/**
 * Remembers the latest card that shows the hazard, so a reply to it reaches the hazard; returns the hazard as it
 * was before (its previous card among it).
 */
export async function setHazardCard(db: Db, id: number, chatId: string | null, messageId: string) {
  const before = await db
    .select({ number: hazards.number, status: hazards.status, cardMessageId: hazards.cardMessageId })
    .from(hazards)
    .where(eq(hazards.id, id))
    .get();
  await db.update(hazards).set({ chatId, cardMessageId: messageId }).where(eq(hazards.id, id));
  return before;
}

/** Every write to a hazard moves its revision on, in the write's own statement. */
export const nextRevision = { revision: sql<number>`${hazards.revision} + 1` };

export interface HazardChange {
  hazard: Pick<HazardRow, "id" | "number" | "status">;
  /** a card press: the revision its card showed; the change happens only if the hazard is still at it */
  revision?: number | undefined;
  to: HazardStatus;
  /** the audit action, e.g. hazard.progress */
  action: string;
  actor: string;
  at: number;
  /** history rows to append (a note, and one per photo) */
  events: { kind: HazardEventKind; note?: string | null; imageKey?: string | null; selfCheck?: boolean }[];
  /** other columns this change sets (checker, substantive progress) */
  set?: Partial<Pick<HazardRow, "checkedBy" | "closedAt" | "progressMetOn">>;
  /** a further condition the hazard must meet for the change to happen (e.g. progress not yet met) */
  guard?: SQL;
  /** a 督办 posting this change adds, written only when the change happens */
  posting?: Omit<typeof hazardSupervisions.$inferInsert, "hazardId" | "id">;
  /** a 督办 posting this change withdraws: the change happens only while the posting still stands */
  withdraw?: { postingId: number; reason: string };
}

/**
 * An INSERT that happens only when the statement before it changed a row (SQLite's changes()): chained after
 * the guarded UPDATE, a change that lost a race writes no history and no audit row.
 */
export function insertIfChanged<T extends SQLiteTable>(db: Db, table: T, row: Record<string, unknown>) {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const entries = Object.entries(row).filter(([, value]) => value !== undefined);
  const names = sql.join(
    entries.map(([key]) => sql.identifier(columns[key]!.name)),
    sql`, `,
  );
  const values = sql.join(
    entries.map(([, value]) => sql`${value}`),
    sql`, `,
  );
  return db.run(sql`INSERT INTO ${table} (${names}) SELECT ${values} WHERE changes() = 1`);
}

/**
 * Applies a change if the hazard is still in the status it was read in: the update, its history rows and its
 * audit row in one batch. False when someone else changed the hazard first (then nothing is written).
 */
export async function applyHazardChange(db: Db, c: HazardChange): Promise<boolean> {
  const { hazard } = c;
  const history = c.events.map((e) =>
    insertIfChanged(db, hazardEvents, {
      hazardId: hazard.id,
      at: c.at,
      actor: c.actor,
      kind: e.kind,
      note: e.note ?? null,
      fromStatus: hazard.status,
      toStatus: c.to,
      imageKey: e.imageKey ?? null,
      selfCheck: e.selfCheck ?? false,
    }),
  );
  const audit = auditRow({
    actor: c.actor,
    action: c.action,
    subjectType: "hazard",
    subjectId: hazard.number,
    before: { status: hazard.status },
    after: { status: c.to, ...c.set, events: c.events },
    at: c.at,
  });
  const posting = c.posting
    ? [insertIfChanged(db, hazardSupervisions, { ...c.posting, hazardId: hazard.id })]
    : [];
  // The withdrawal comes first, so a posting withdrawn by someone else meanwhile stops the whole change: the
  // hazard's update after it runs only when the withdrawal changed its row (SQLite's changes()).
  const withdraw = c.withdraw
    ? db
        .update(hazardSupervisions)
        .set({ withdrawnAt: c.at, withdrawnBy: c.actor, withdrawReason: c.withdraw.reason })
        .where(
          and(
            eq(hazardSupervisions.id, c.withdraw.postingId),
            eq(hazardSupervisions.hazardId, hazard.id),
            sql`${hazardSupervisions.withdrawnAt} IS NULL`,
          ),
        )
    : null;
  const update = db
    .update(hazards)
    .set({ status: c.to, updatedAt: c.at, ...c.set, ...nextRevision })
    .where(
      and(
        eq(hazards.id, hazard.id),
        eq(hazards.status, hazard.status),
        c.revision === undefined ? undefined : eq(hazards.revision, c.revision),
        c.guard,
        withdraw ? sql`changes() = 1` : undefined,
      ),
    );
  const after = [...history, ...posting, insertIfChanged(db, auditLog, audit)];
  const results = withdraw
    ? await db.batch([withdraw, update, ...after])
    : await db.batch([update, ...after]);
  return results[withdraw ? 1 : 0]!.rowsAffected === 1;
}
