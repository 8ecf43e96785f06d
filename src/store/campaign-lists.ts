// The hazards the 周调度 names one by one: the most overdue, those waiting long for 验收, and 部门检查 重大
// hazards not yet posted for 督办. Counts are in campaign-counts.ts; these are the rows behind the names.
import { and, asc, count, eq, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { hazards } from "../../db/schema";
import type { HazardStatus } from "../domain/hazard-lifecycle";
import { supervisedSql } from "./campaign-counts";

export interface WatchRow {
  id: number;
  number: string;
  unitId: number;
  sectorId: number;
  enterpriseName: string;
  deadline: string;
  foundOn: string;
  status: HazardStatus;
}

const watchFields = {
  id: hazards.id,
  number: hazards.number,
  unitId: hazards.unitId,
  sectorId: hazards.sectorId,
  enterpriseName: hazards.enterpriseName,
  deadline: hazards.deadline,
  foundOn: hazards.foundOn,
  status: hazards.status,
};

/**
 * Open (not closed, not withdrawn): phase 0, in the expression the (phase, deadline) indexes hold (as in
 * hazard-list.ts), so the longest overdue are read in order from hazards_phase_deadline.
 */
const openSql = sql`((${hazards.status} = '已销号') + 2 * (${hazards.status} = '已撤销')) = 0`;

async function firstAndTotal(
  db: Db,
  where: SQL,
  limit: number,
): Promise<{ rows: WatchRow[]; total: number }> {
  const [rows, total] = await db.batch([
    db
      .select(watchFields)
      .from(hazards)
      .where(where)
      .orderBy(asc(hazards.deadline), asc(hazards.id))
      .limit(limit),
    db.select({ n: count() }).from(hazards).where(where),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

/** Open hazards past their deadline on `today`, the longest overdue first. */
export function mostOverdue(db: Db, today: string, limit: number) {
  return firstAndTotal(db, and(openSql, lt(hazards.deadline, today))!, limit);
}

/**
 * Open, written so that no index can use it (the unary `+`): where 发现日期 narrows better, the planner must read
 * hazards_found_cover rather than every open hazard from hazards_phase_deadline.
 */
const openByFoundSql = sql`+${hazards.status} not in ('已销号', '已撤销')`;

/** 部门检查 重大 hazards found on or before `foundBy`, still open, never posted for 督办. */
export function inspectionsWithoutSupervision(db: Db, foundBy: string, limit: number) {
  return firstAndTotal(
    db,
    and(
      lte(hazards.foundOn, foundBy),
      eq(hazards.level, "重大"),
      eq(hazards.source, "部门检查"),
      openByFoundSql,
      sql`${supervisedSql} = 0`,
    )!,
    limit,
  );
}

/**
 * Hazards awaiting 验收 whose last 整改完成 was reported before `beforeMs`, the longest waiting first, with that
 * moment (ms); and how many there are. The last 整改完成 is read per hazard from hazard_events_hazard_kind.
 */
export async function awaitingCheckSince(
  db: Db,
  beforeMs: number,
  limit: number,
): Promise<{ rows: (WatchRow & { since: number })[]; total: number }> {
  // Spelt out with table names: drizzle leaves them off in a one-table select, and hazard_events has an `id` too.
  const since = sql<number>`(select max("he"."at") from "hazard_events" as "he" where "he"."hazard_id" = "hazards"."id" and "he"."kind" = 'rectified')`;
  const where = and(eq(hazards.status, "待验收"), sql`${since} < ${beforeMs}`);
  const [rows, total] = await db.batch([
    db
      .select({ ...watchFields, since })
      .from(hazards)
      .where(where)
      .orderBy(asc(since), asc(hazards.id))
      .limit(limit),
    db.select({ n: count() }).from(hazards).where(where),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}
