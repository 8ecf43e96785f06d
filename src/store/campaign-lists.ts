// The hazards the 周调度 names one by one: the most overdue, those waiting long for 验收, and 部门检查 重大
// hazards not yet posted for 督办. Counts are in campaign-counts.ts; these are the rows behind the names.
import { and, asc, count, eq, lt, lte, max, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { hazardEvents, hazards } from "../../db/schema";
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

/** Open (not closed, not withdrawn): the same expression as the hazards_open_deadline index. */
const openSql = sql`(${hazards.status} = '已销号') = 0 and ${hazards.status} <> '已撤销'`;

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

/** 部门检查 重大 hazards found on or before `foundBy`, still open, never posted for 督办. */
export function inspectionsWithoutSupervision(db: Db, foundBy: string, limit: number) {
  return firstAndTotal(
    db,
    and(
      openSql,
      eq(hazards.source, "部门检查"),
      eq(hazards.level, "重大"),
      lte(hazards.foundOn, foundBy),
      sql`${supervisedSql} = 0`,
    )!,
    limit,
  );
}

/**
 * Hazards awaiting 验收 whose last 整改完成 was reported before `beforeMs`, the longest waiting first, with that
 * moment (ms); and how many there are.
 */
export async function awaitingCheckSince(
  db: Db,
  beforeMs: number,
  limit: number,
): Promise<{ rows: (WatchRow & { since: number })[]; total: number }> {
  const since = max(hazardEvents.at);
  const waiting = db
    .select({ ...watchFields, since })
    .from(hazards)
    .innerJoin(hazardEvents, and(eq(hazardEvents.hazardId, hazards.id), eq(hazardEvents.kind, "rectified")))
    .where(eq(hazards.status, "待验收"))
    .groupBy(hazards.id)
    .having(lt(since, beforeMs));
  const rows = await waiting.orderBy(asc(since), asc(hazards.id));
  return { rows: rows.slice(0, limit).map((r) => ({ ...r, since: r.since ?? 0 })), total: rows.length };
}
