// Every figure the campaign's cards, /排名 and the forms show, in one place: a hazard counts in the period of
// its 发现日期, 已撤销 never counts, 重大 and 一般 are kept apart. Each figure is one a `/隐患 列表` filter
// reproduces (发现=, 等级=, 来源=, 单位=, 领域=, 状态=, 督办=). The 督办 reads sit behind supervisedSql and
// supervisionClocks, the only two places that know how 督办 is stored.
import { and, asc, count, eq, gte, inArray, isNotNull, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { hazardEvents, hazards } from "../../db/schema";
import type { HazardLevel, HazardSource, HazardStatus, SupervisionLevel } from "../domain/hazard-lifecycle";

/** A range of 发现日期, both ends included (YYYY-MM-DD). */
export interface DaySpan {
  from: string;
  to: string;
}

/** 已撤销 (a withdrawn mistaken or duplicate entry) never counts. Written as SQL: the status is new. */
const counted = sql`${hazards.status} <> '已撤销'`;
const closedSql = sql<number>`coalesce(sum(${hazards.status} = '已销号'), 0)`;

/** A hazard posted for 督办 (any level, not withdrawn). */
export const supervisedSql = sql<number>`(${hazards.supervisionLevel} is not null)`;

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
  postedOn: string;
  due: string;
  /** substantive progress reached (rectified or closed) */
  met: boolean;
  status: HazardStatus;
}

/**
 * The 督办 clocks due in a span (or, with `openOnly`, every clock still running that is due by `span.to`).
 * Today a hazard holds one clock on its supervision_* columns; the 督办 history table replaces this read.
 */
export async function supervisionClocks(
  db: Db,
  span: DaySpan,
  options: { openOnly?: boolean } = {},
): Promise<ClockRow[]> {
  const met = sql<number>`(${hazards.status} in ('待验收', '已销号'))`;
  const where: SQL[] = [isNotNull(hazards.progressDue), lte(hazards.progressDue, span.to), counted];
  if (options.openOnly) where.push(sql`${met} = 0`);
  else where.push(gte(hazards.progressDue, span.from));
  const rows = await db
    .select({
      hazardId: hazards.id,
      number: hazards.number,
      unitId: hazards.unitId,
      sectorId: hazards.sectorId,
      level: sql<SupervisionLevel>`${hazards.supervisionLevel}`,
      postedOn: sql<string>`coalesce(${hazards.supervisionDate}, '')`,
      due: sql<string>`${hazards.progressDue}`,
      met,
      status: hazards.status,
    })
    .from(hazards)
    .where(and(...where))
    .orderBy(asc(hazards.progressDue), asc(hazards.id));
  return rows.map((r) => ({ ...r, met: Boolean(r.met) }));
}

/** 督办 postings made in a span, per unit or per sector. */
export async function postingsBy(
  db: Db,
  span: DaySpan,
  key: "unitId" | "sectorId",
): Promise<Map<number, number>> {
  const column = hazards[key];
  const rows = await db
    .select({ id: column, n: count() })
    .from(hazards)
    .where(and(gte(hazards.supervisionDate, span.from), lte(hazards.supervisionDate, span.to), counted))
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
