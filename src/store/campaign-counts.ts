// Every figure the campaign's cards, /排名 and the forms show, in one place: a hazard counts in the period of
// its 发现日期, 已撤销 never counts, 重大 and 一般 are kept apart. Each figure is one a `/隐患 列表` filter
// reproduces (发现=, 等级=, 来源=, 单位=, 领域=, 状态=, 督办=). 督办 clocks are the domain's (supervision-clock).
import { and, count, eq, gte, inArray, isNull, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { hazardEvents, hazardSupervisions, hazards } from "../../db/schema";
import type { HazardLevel, SupervisionLevel } from "../domain/hazard-lifecycle";
import { type ClockState, supervisionStanding } from "../domain/supervision-clock";
import { dateIn } from "../domain/time";
import { jsonRows } from "./json-rows";

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
  level: hazards.level,
  day: hazards.foundOn,
} as const;

export type Dimension = keyof typeof DIMENSIONS;

export interface TallyKeys {
  unitId: number;
  sectorId: number;
  level: HazardLevel;
  day: string;
}

export type TallyRow<D extends Dimension> = Pick<TallyKeys, D> & { found: number; closed: number };

/**
 * Hazards found in the span (已撤销 left out), grouped by the given dimensions: how many, how many closed. For a
 * week's few hazards; a whole period's figures per unit, sector or month are campaign-figures.ts's seeks.
 */
export async function tally<D extends Dimension>(
  db: Db,
  span: DaySpan,
  by: readonly D[],
  filter: { level?: HazardLevel } = {},
): Promise<TallyRow<D>[]> {
  const keys = Object.fromEntries(by.map((d) => [d, DIMENSIONS[d]])) as Record<string, typeof hazards.unitId>;
  const where: SQL[] = [gte(hazards.foundOn, span.from), lte(hazards.foundOn, span.to), counted];
  if (filter.level) where.push(eq(hazards.level, filter.level));
  const rows = await db
    .select({ ...keys, found: count(), closed: closedSql })
    .from(hazards)
    .where(and(...where))
    .groupBy(...by.map((d) => DIMENSIONS[d]));
  return rows as unknown as TallyRow<D>[];
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
  // only what the clock reads (withdrawn postings are left out); every column costs on every row
  const rows = await jsonRows<{
    level: SupervisionLevel;
    postedOn: string;
    dueOn: string;
    postedAt: number;
    hazardId: number;
    number: string;
    unitId: number;
    sectorId: number;
    progressMetOn: string | null;
    closedAt: number | null;
    withdrawnAt: null;
  }>(
    db,
    sql`select "hs"."level" as "level", "hs"."posted_on" as "postedOn", "hs"."due_on" as "dueOn", "hs"."posted_at" as "postedAt", "h"."id" as "hazardId", "h"."number" as "number", "h"."unit_id" as "unitId", "h"."sector_id" as "sectorId", "h"."progress_met_on" as "progressMetOn", "h"."closed_at" as "closedAt", null as "withdrawnAt"
      from "hazards" as "h" join "hazard_supervisions" as "hs" on "hs"."hazard_id" = "h"."id"
      where "h"."id" in (select "due"."hazard_id" from "hazard_supervisions" as "due"${unmet} where "due"."withdrawn_at" is null and "due"."due_on" between ${span.from} and ${span.to})
        and "hs"."withdrawn_at" is null and "h"."status" <> '已撤销'${filter.openUnmet ? sql` and "h"."closed_at" is null` : sql``}`,
    [
      "level",
      "postedOn",
      "dueOn",
      "postedAt",
      "hazardId",
      "number",
      "unitId",
      "sectorId",
      "progressMetOn",
      "closedAt",
      "withdrawnAt",
    ],
  );
  const byHazard = new Map<number, typeof rows>();
  for (const r of rows) {
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
