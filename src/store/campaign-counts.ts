// Every figure the campaign's cards, /排名 and the forms show, in one place: a hazard counts in the period of
// its 发现日期, 已撤销 never counts, 重大 and 一般 are kept apart. Each figure is one a `/隐患 列表` filter
// reproduces (发现=, 等级=, 来源=, 单位=, 领域=, 状态=, 督办=). 督办 clocks are the domain's (supervision-clock).
import { and, asc, count, eq, gte, inArray, isNull, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { hazardEvents, hazardSupervisions, hazards } from "../../db/schema";
import type { HazardLevel, HazardSource, SupervisionLevel } from "../domain/hazard-lifecycle";
import { type ClockState, supervisionStanding } from "../domain/supervision-clock";
import { dateIn } from "../domain/time";

/** A range of 发现日期, both ends included (YYYY-MM-DD). */
export interface DaySpan {
  from: string;
  to: string;
}

/** 已撤销 (a withdrawn mistaken or duplicate entry) never counts. Written as SQL: the status is new. */
const counted = sql`${hazards.status} <> '已撤销'`;
const closedSql = sql<number>`coalesce(sum(${hazards.status} = '已销号'), 0)`;

/**
 * A hazard with a standing 督办 posting (any level, not withdrawn): `/隐患 列表 督办=有`. Spelt out with its
 * table names: drizzle leaves them off in a one-table select, and hazard_supervisions has an `id` too.
 */
export const supervisedSql = sql<number>`(exists (select 1 from "hazard_supervisions" as "hs" where "hs"."hazard_id" = "hazards"."id" and "hs"."withdrawn_at" is null))`;

const DIMENSIONS = {
  unitId: hazards.unitId,
  sectorId: hazards.sectorId,
  source: hazards.source,
  level: hazards.level,
  supervised: supervisedSql,
  month: sql<string>`substr(${hazards.foundOn}, 1, 7)`,
  day: hazards.foundOn,
} as const;

export type Dimension = keyof typeof DIMENSIONS;

export interface TallyKeys {
  unitId: number;
  sectorId: number;
  source: HazardSource;
  level: HazardLevel;
  supervised: number;
  month: string;
  day: string;
}

export type TallyRow<D extends Dimension> = Pick<TallyKeys, D> & { found: number; closed: number };

export interface TallyFilter {
  level?: HazardLevel;
  source?: HazardSource;
  supervised?: boolean;
}

/** Hazards found in the span (已撤销 left out), grouped by the given dimensions: how many, how many closed. */
export async function tally<D extends Dimension>(
  db: Db,
  span: DaySpan,
  by: readonly D[],
  filter: TallyFilter = {},
): Promise<TallyRow<D>[]> {
  const keys = Object.fromEntries(by.map((d) => [d, DIMENSIONS[d]])) as Record<
    string,
    SQL | typeof hazards.unitId
  >;
  const where: SQL[] = [gte(hazards.foundOn, span.from), lte(hazards.foundOn, span.to), counted];
  if (filter.level) where.push(eq(hazards.level, filter.level));
  if (filter.source) where.push(eq(hazards.source, filter.source));
  if (filter.supervised !== undefined) where.push(sql`${supervisedSql} = ${filter.supervised ? 1 : 0}`);
  const rows = await db
    .select({ ...keys, found: count(), closed: closedSql })
    .from(hazards)
    .where(and(...where))
    .groupBy(...by.map((d) => DIMENSIONS[d]));
  return rows as unknown as TallyRow<D>[];
}

/** The total of a tally's rows, or of those a test picks. */
export function sumFound<R extends { found: number }>(
  rows: readonly R[],
  pick: (r: R) => boolean = () => true,
) {
  return rows.reduce((n, r) => (pick(r) ? n + r.found : n), 0);
}

export interface ClockRow {
  hazardId: number;
  number: string;
  unitId: number;
  sectorId: number;
  level: SupervisionLevel;
  dueOn: string;
  clock: ClockState;
  /** the hazard is closed: its clock stopped then */
  closed: boolean;
}

/** Which clocks to read: all those due in the span, or only those of open hazards not (yet) met. */
export interface ClockFilter {
  /** hazards not closed whose standing clock may still be unmet: what the 周调度 warns of */
  openUnmet?: boolean;
}

/**
 * The standing 督办 clock of every hazard that has one (withdrawn postings and 已撤销 hazards aside), as on
 * `today`, those due in the span: the domain's clock (met in time, late, missed, running) from the history.
 * SQL keeps only the hazards that can qualify (the standing posting is an active one, so one of them is due in
 * the span; an unmet clock has an active posting later than the progress met, or none met), and the domain
 * decides on their postings.
 */
export async function supervisionClocks(
  db: Db,
  span: DaySpan,
  today: string,
  timeZone: string,
  filter: ClockFilter = {},
): Promise<ClockRow[]> {
  // Driven from the postings due in the span (an IN list, not correlated), not from every hazard.
  const unmet = filter.openUnmet
    ? sql` join "hazards" as "open" on "open"."id" = "due"."hazard_id" and "open"."closed_at" is null and ("open"."progress_met_on" is null or "due"."posted_on" > "open"."progress_met_on")`
    : sql``;
  const candidate = sql`${hazards.id} in (select "due"."hazard_id" from "hazard_supervisions" as "due"${unmet} where "due"."withdrawn_at" is null and "due"."due_on" between ${span.from} and ${span.to})`;
  const rows = await db
    // only what the clock reads: every column costs on every row
    .select({
      level: hazardSupervisions.level,
      postedOn: hazardSupervisions.postedOn,
      dueOn: hazardSupervisions.dueOn,
      postedAt: hazardSupervisions.postedAt,
      hazardId: hazards.id,
      number: hazards.number,
      unitId: hazards.unitId,
      sectorId: hazards.sectorId,
      progressMetOn: hazards.progressMetOn,
      closedAt: hazards.closedAt,
    })
    .from(hazards)
    .innerJoin(hazardSupervisions, eq(hazardSupervisions.hazardId, hazards.id))
    .where(
      and(
        candidate,
        isNull(hazardSupervisions.withdrawnAt),
        counted,
        filter.openUnmet ? isNull(hazards.closedAt) : undefined,
      ),
    )
    .orderBy(asc(hazards.id));
  type Row = (typeof rows)[number] & { withdrawnAt: null };
  const byHazard = new Map<number, Row[]>();
  for (const row of rows) {
    const r: Row = { ...row, withdrawnAt: null }; // withdrawn postings were left out above
    const list = byHazard.get(r.hazardId);
    if (list) list.push(r);
    else byHazard.set(r.hazardId, [r]);
  }
  const clocks: ClockRow[] = [];
  for (const postings of byHazard.values()) {
    const h = postings[0]!;
    const stoppedOn = h.closedAt === null ? null : dateIn(h.closedAt, timeZone);
    const standing = supervisionStanding(postings, h.progressMetOn, today, stoppedOn);
    if (standing === null || standing.dueOn < span.from || standing.dueOn > span.to) continue;
    if (filter.openUnmet && (h.closedAt !== null || !["running", "missed"].includes(standing.clock.kind)))
      continue;
    clocks.push({
      hazardId: h.hazardId,
      number: h.number,
      unitId: h.unitId,
      sectorId: h.sectorId,
      level: standing.level,
      dueOn: standing.dueOn,
      clock: standing.clock,
      closed: h.closedAt !== null,
    });
  }
  return clocks.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.hazardId - b.hazardId);
}

/** 督办 postings made in a span (withdrawn ones aside), per unit or per sector of their hazard. */
export async function postingsBy(
  db: Db,
  span: DaySpan,
  key: "unitId" | "sectorId",
): Promise<Map<number, number>> {
  const column = hazards[key];
  const rows = await db
    .select({ id: column, n: count() })
    .from(hazardSupervisions)
    .innerJoin(hazards, eq(hazards.id, hazardSupervisions.hazardId))
    .where(
      and(
        gte(hazardSupervisions.postedOn, span.from),
        lte(hazardSupervisions.postedOn, span.to),
        isNull(hazardSupervisions.withdrawnAt),
        counted,
      ),
    )
    .groupBy(column);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export type Move = "rectified" | "closed" | "withdrawn";

export interface MoveRow {
  unitId: number;
  sectorId: number;
  kind: Move;
  n: number;
}

/** Hazards moved (报整改完成, 销号, 撤销) between two moments (ms, `to` excluded), by unit, sector and move. */
export async function movesBetween(db: Db, fromMs: number, toMs: number): Promise<MoveRow[]> {
  const kinds: string[] = ["rectified", "closed", "withdrawn"];
  const rows = await db
    .select({
      unitId: hazards.unitId,
      sectorId: hazards.sectorId,
      kind: sql<Move>`${hazardEvents.kind}`,
      n: sql<number>`count(distinct ${hazardEvents.hazardId})`,
    })
    .from(hazardEvents)
    .innerJoin(hazards, eq(hazards.id, hazardEvents.hazardId))
    .where(
      and(gte(hazardEvents.at, fromMs), lt(hazardEvents.at, toMs), inArray(sql`${hazardEvents.kind}`, kinds)),
    )
    .groupBy(hazards.unitId, hazards.sectorId, hazardEvents.kind);
  return rows;
}
