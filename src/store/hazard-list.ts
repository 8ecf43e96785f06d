// The ledger as a list: the filters of `/隐患 列表`, the asker's scope, a page of rows and the total.
// Open hazards first, then by deadline; the indexes in db/schema.ts are chosen for exactly these queries.
import { and, asc, count, eq, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { hazardSupervisions, hazards, sectors, units } from "../../db/schema";
import type { HazardLevel, HazardSource, HazardStatus, SupervisionLevel } from "../domain/hazard-lifecycle";
import { levelRank } from "../domain/supervision-clock";

export const PAGE_SIZE = 10;

export interface HazardFilter {
  unitId?: number | undefined;
  sectorId?: number | undefined;
  status?: HazardStatus | "未销号" | undefined;
  enterpriseId?: number | undefined;
  /** an unregistered 企业（项目） is matched by the name it was logged under */
  enterpriseName?: string | undefined;
  /** YYYY-MM-DD: only hazards past their deadline on this day and not closed */
  overdueOn?: string | undefined;
  /** 发现日期 within these days (YYYY-MM-DD, both included) */
  foundFrom?: string | undefined;
  foundTo?: string | undefined;
  level?: HazardLevel | undefined;
  source?: HazardSource | undefined;
  /** the standing 督办 level, or whether any posting stands (有) or none (无) */
  supervision?: SupervisionLevel | "有" | "无" | undefined;
}

/** What the asker may see, on top of the filter: a 干部 their unit, an 企业负责人 their enterprise. */
export interface HazardScope {
  unitId?: number | undefined;
  enterpriseId?: number | undefined;
}

/** One row of a page, as the query selects it (the list card's view type takes it as it is). */
export type HazardListRow = Awaited<ReturnType<typeof pageQuery>>[number];

export interface HazardPage {
  rows: HazardListRow[];
  total: number;
  page: number;
}

/**
 * 0 open, 1 已销号, 2 已撤销: the same expression as the list indexes (db/schema.ts), so they can be used, for the
 * order (open first) and for leaving out what is withdrawn without reading a row.
 */
const phase = sql`((${hazards.status} = '已销号') + 2 * (${hazards.status} = '已撤销'))`;
const PHASE: Record<string, number> = { 已销号: 1, 已撤销: 2 };

/** The standing posting's rank (1 镇级, 2 县级, 3 市级), null when none stands: the same rule as the domain's. */
const standingRank = sql<
  number | null
>`(SELECT max(CASE ${hazardSupervisions.level} WHEN '镇级' THEN 1 WHEN '县级' THEN 2 WHEN '市级' THEN 3 END) FROM ${hazardSupervisions} WHERE ${hazardSupervisions.hazardId} = ${hazards.id} AND ${hazardSupervisions.withdrawnAt} IS NULL)`;

const standingLevel = sql<SupervisionLevel | null>`(CASE ${standingRank} WHEN 1 THEN '镇级' WHEN 2 THEN '县级' WHEN 3 THEN '市级' END)`;

function supervisionCondition(wanted: NonNullable<HazardFilter["supervision"]>): SQL {
  if (wanted === "有") return sql`${standingRank} IS NOT NULL`;
  if (wanted === "无") return sql`${standingRank} IS NULL`;
  return sql`${standingRank} = ${levelRank(wanted)}`;
}

function conditions(filter: HazardFilter, scope: HazardScope): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  const unitId = scope.unitId ?? filter.unitId;
  if (unitId !== undefined) where.push(eq(hazards.unitId, unitId));
  const enterpriseId = scope.enterpriseId ?? filter.enterpriseId;
  if (enterpriseId !== undefined) where.push(eq(hazards.enterpriseId, enterpriseId));
  if (filter.sectorId !== undefined) where.push(eq(hazards.sectorId, filter.sectorId));
  if (filter.enterpriseName !== undefined) where.push(eq(hazards.enterpriseName, filter.enterpriseName));
  // The phase is implied by a status, but spelt out so the (…, phase, deadline) indexes can use it. With no
  // status, a withdrawn hazard (已撤销) is left out: it is in no list but its own.
  if (filter.status === undefined) where.push(sql`${phase} < 2`);
  else if (filter.status === "未销号") where.push(sql`${phase} = 0`);
  else where.push(eq(hazards.status, filter.status), sql`${phase} = ${PHASE[filter.status] ?? 0}`);
  if (filter.foundFrom !== undefined) where.push(gte(hazards.foundOn, filter.foundFrom));
  if (filter.foundTo !== undefined) where.push(lte(hazards.foundOn, filter.foundTo));
  if (filter.level !== undefined) where.push(eq(hazards.level, filter.level));
  if (filter.source !== undefined) where.push(eq(hazards.source, filter.source));
  if (filter.supervision !== undefined) where.push(supervisionCondition(filter.supervision));
  if (filter.overdueOn !== undefined) {
    where.push(sql`${phase} = 0`, lt(hazards.deadline, filter.overdueOn));
  }
  return where.length > 0 ? and(...where) : undefined;
}

/** With one status every row is in one phase: ordering by the phase would only hide the index. */
function ordering(filter: HazardFilter): SQL[] {
  const single = filter.status !== undefined && filter.status !== "未销号";
  const open = filter.status === "未销号" || filter.overdueOn !== undefined;
  return single || open
    ? [asc(hazards.deadline), asc(hazards.id)]
    : [phase, asc(hazards.deadline), asc(hazards.id)];
}

function pageQuery(db: Db, where: SQL | undefined, filter: HazardFilter, page: number) {
  return (
    db
      .select({
        number: hazards.number,
        unitName: sql<string>`coalesce(${units.name}, '')`,
        enterpriseName: hazards.enterpriseName,
        sectorName: sql<string>`coalesce(${sectors.name}, '')`,
        description: sql<string>`substr(${hazards.description}, 1, 60)`,
        status: hazards.status,
        deadline: hazards.deadline,
        level: hazards.level,
        source: hazards.source,
        foundOn: hazards.foundOn,
        supervisionLevel: standingLevel,
      })
      .from(hazards)
      // LEFT JOIN keeps hazards the outer loop, read in index order (every hazard has its unit and sector).
      .leftJoin(units, eq(units.id, hazards.unitId))
      .leftJoin(sectors, eq(sectors.id, hazards.sectorId))
      .where(where)
      .orderBy(...ordering(filter))
      .limit(PAGE_SIZE)
      .offset(page * PAGE_SIZE)
  );
}

/**
 * The counts whose sum is the total. The whole ledger's is every hazard less the withdrawn ones: SQLite counts a
 * table with a bare count(*) from its b-tree pages, where `phase < 2` would read every entry.
 */
function countQueries(db: Db, where: SQL | undefined, whole: boolean) {
  if (!whole) return [db.select({ n: count() }).from(hazards).where(where)] as const;
  return [
    db.select({ n: count() }).from(hazards),
    db.select({ n: sql<number>`-count(*)` }).from(hazards).where(sql`${phase} = 2`),
  ] as const;
}

/** No filter and no scope: the whole ledger but what is withdrawn. */
function isWhole(filter: HazardFilter, scope: HazardScope): boolean {
  return (
    Object.values(filter).every((v) => v === undefined) && Object.values(scope).every((v) => v === undefined)
  );
}

export async function listHazards(
  db: Db,
  filter: HazardFilter,
  scope: HazardScope,
  page: number,
): Promise<HazardPage> {
  const where = conditions(filter, scope);
  const [rows, ...counts] = await db.batch([
    pageQuery(db, where, filter, page),
    ...countQueries(db, where, isWhole(filter, scope)),
  ]);
  const total = (counts as { n: number }[][]).reduce((sum, c) => sum + (c[0]?.n ?? 0), 0);
  return { rows, total, page };
}

/** The SQL behind a list page, for the benchmark's EXPLAIN QUERY PLAN. */
export function listHazardsSql(db: Db, filter: HazardFilter, scope: HazardScope, page: number) {
  const where = conditions(filter, scope);
  const [total] = countQueries(db, where, isWhole(filter, scope));
  return { page: pageQuery(db, where, filter, page).toSQL(), count: total.toSQL() };
}
