// What the 附件3 ledger is made of: every hazard not 已撤销 in a scope (a unit, a sector, an enterprise), found by
// a day, with its 督办 postings (withdrawn ones left out), its history and the names of who acted. The rows'
// text is the domain's (src/domain/form3.ts).
import { and, asc, desc, eq, inArray, isNull, lte, ne, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { hazardEvents, hazardSupervisions, hazards, members, sectors, units } from "../../db/schema";
import type { Form3Hazard } from "../domain/form3";
import type { HazardStatus } from "../domain/hazard-lifecycle";

export interface LedgerScope {
  unitId?: number | undefined;
  sectorId?: number | undefined;
  enterpriseId?: number | undefined;
  /** YYYY-MM-DD: only hazards found on or before it (a month's ledger) */
  foundBy?: string | undefined;
  /** only these hazards (a card's page) */
  ids?: readonly number[] | undefined;
}

function scopeWhere(scope: LedgerScope): SQL[] {
  const where: SQL[] = [ne(hazards.status, "已撤销")];
  if (scope.unitId !== undefined) where.push(eq(hazards.unitId, scope.unitId));
  if (scope.sectorId !== undefined) where.push(eq(hazards.sectorId, scope.sectorId));
  if (scope.enterpriseId !== undefined) where.push(eq(hazards.enterpriseId, scope.enterpriseId));
  if (scope.foundBy !== undefined) where.push(lte(hazards.foundOn, scope.foundBy));
  if (scope.ids !== undefined) where.push(inArray(hazards.id, [...scope.ids]));
  return where;
}

/** The history kinds the ledger reads (a 督办 or an edit changes no status and no 整改进展). */
const LEDGER_KINDS = ["created", "progress", "rectified", "closed", "returned", "restored"] as const;

/**
 * A hazard's status at the end of a day (ms): its last status move by then, else 待整改 (found by then, logged
 * later). The SQL twin of src/domain/form3.ts statusOn, over the hazard_events_hazard_kind index.
 */
function statusBy(movesBy: number) {
  // Written with table-qualified names: drizzle leaves a one-table query's columns unqualified, and inside the
  // subquery an unqualified "id" would be the event's own.
  const kinds = sql.join(
    LEDGER_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );
  return sql<HazardStatus>`coalesce((
    SELECT e.to_status FROM hazard_events e
    WHERE e.hazard_id = hazards.id AND e.kind IN (${kinds}) AND e.to_status IS NOT NULL AND e.at <= ${movesBy}
    ORDER BY e.at DESC, e.id DESC LIMIT 1), '待整改')`;
}

/**
 * A `/台账` card's figures, counted in the database without reading the rows: the 重大 hazards by status (as at
 * `movesBy` when a day was asked for), and the 一般 ones.
 */
export async function ledgerCounts(
  db: Db,
  scope: LedgerScope,
  movesBy: number | null,
): Promise<{ major: Map<HazardStatus, number>; minor: number }> {
  const status = movesBy === null ? sql<HazardStatus>`${hazards.status}` : statusBy(movesBy);
  const rows = await db
    .select({ level: hazards.level, status, n: sql<number>`count(*)` })
    .from(hazards)
    .where(and(...scopeWhere(scope)))
    .groupBy(hazards.level, status);
  const major = new Map<HazardStatus, number>();
  let minor = 0;
  for (const r of rows) {
    if (r.level === "重大") major.set(r.status, (major.get(r.status) ?? 0) + r.n);
    else minor += r.n;
  }
  return { major, minor };
}

/**
 * The hazards (id, number) of one page of the ledger's 重大 hazards, the most recently found first (the reverse of the form's
 * order by unit, then 发现日期).
 */
export async function ledgerPageIds(
  db: Db,
  scope: LedgerScope,
  page: { offset: number; limit: number },
): Promise<{ id: number; number: string }[]> {
  return db
    .select({ id: hazards.id, number: hazards.number })
    .from(hazards)
    .where(and(...scopeWhere(scope), eq(hazards.level, "重大")))
    .orderBy(desc(hazards.foundOn), desc(hazards.unitId), desc(hazards.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** The hazards of the ledger, by unit (in the registry's order) then 发现日期, each with its postings and history. */
export async function ledgerHazards(db: Db, scope: LedgerScope): Promise<Form3Hazard[]> {
  const rows = await db
    .select({
      id: hazards.id,
      number: hazards.number,
      unitId: hazards.unitId,
      unitName: units.name,
      enterpriseName: hazards.enterpriseName,
      sectorId: hazards.sectorId,
      sectorName: sectors.name,
      description: hazards.description,
      measures: hazards.measures,
      deadline: hazards.deadline,
      originalDeadline: hazards.originalDeadline,
      source: hazards.source,
      level: hazards.level,
      foundOn: hazards.foundOn,
      status: hazards.status,
    })
    .from(hazards)
    .innerJoin(units, eq(units.id, hazards.unitId))
    .innerJoin(sectors, eq(sectors.id, hazards.sectorId))
    .where(and(...scopeWhere(scope)))
    .orderBy(asc(hazards.unitId), asc(hazards.foundOn), asc(hazards.id));
  if (rows.length === 0) return [];
  // In chunks: SQLite caps a statement's parameters (32,766), and a township's whole ledger can pass that.
  const postingsOf = new Map<number, Form3Hazard["postings"]>();
  const eventsOf = new Map<number, Form3Hazard["events"]>();
  for (let i = 0; i < rows.length; i += ID_CHUNK) {
    const ids = rows.slice(i, i + ID_CHUNK).map((r) => r.id);
    const postings = await db
      .select({
        hazardId: hazardSupervisions.hazardId,
        level: hazardSupervisions.level,
        doc: hazardSupervisions.doc,
        postedOn: hazardSupervisions.postedOn,
      })
      .from(hazardSupervisions)
      .where(and(inArray(hazardSupervisions.hazardId, ids), isNull(hazardSupervisions.withdrawnAt)))
      .orderBy(asc(hazardSupervisions.id));
    for (const p of postings) pushTo(postingsOf, p.hazardId, p);
    const events = await db
      .select({
        hazardId: hazardEvents.hazardId,
        at: hazardEvents.at,
        actor: hazardEvents.actor,
        kind: hazardEvents.kind,
        note: hazardEvents.note,
        toStatus: hazardEvents.toStatus,
        memberName: members.name,
      })
      .from(hazardEvents)
      .leftJoin(members, eq(members.openId, hazardEvents.actor))
      .where(and(inArray(hazardEvents.hazardId, ids), inArray(hazardEvents.kind, [...LEDGER_KINDS])))
      .orderBy(asc(hazardEvents.at), asc(hazardEvents.id));
    for (const e of events) {
      const { hazardId, memberName, ...event } = e;
      pushTo(eventsOf, hazardId, { ...event, actorName: memberName });
    }
  }
  return rows.map((r) => ({ ...r, postings: postingsOf.get(r.id) ?? [], events: eventsOf.get(r.id) ?? [] }));
}

const ID_CHUNK = 500;

function pushTo<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
