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

/**
 * The first rows by deadline and the count of the same hazards. Each may say "open" its own way (`rowsOpen`,
 * `countOpen`): the first rows are best read in deadline order from hazards_phase_deadline, stopping at `limit`,
 * while the count may be better read from another index.
 */
async function firstAndTotal(
  db: Db,
  where: SQL,
  limit: number,
  open: { rows: SQL; count: SQL } = { rows: openSql, count: openSql },
): Promise<{ rows: WatchRow[]; total: number }> {
  const [rows, total] = await db.batch([
    db
      .select(watchFields)
      .from(hazards)
      .where(and(open.rows, where))
      .orderBy(asc(hazards.deadline), asc(hazards.id))
      .limit(limit),
    db.select({ n: count() }).from(hazards).where(and(open.count, where)),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

/** Open hazards past their deadline on `today`, the longest overdue first. */
export function mostOverdue(db: Db, today: string, limit: number) {
  return firstAndTotal(db, lt(hazards.deadline, today), limit);
}

/**
 * Open, written so that no index can use it (the unary `+`): counting the 部门检查 重大 ones, 发现日期 narrows
 * better, and the planner must read hazards_found_cover rather than every open hazard's row.
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
      sql`${supervisedSql} = 0`,
    )!,
    limit,
    { rows: openSql, count: openByFoundSql },
  );
}

/**
 * Hazards awaiting 验收 whose last 整改完成 was reported before `beforeMs`, the longest waiting first, with that
 * moment (ms); and how many there are. One statement: the last 整改完成 of each hazard awaiting 验收 is read once
 * (from hazard_events_hazard_kind) into a materialized list that gives both the count and the first rows.
 */
export async function awaitingCheckSince(
  db: Db,
  beforeMs: number,
  limit: number,
): Promise<{ rows: (WatchRow & { since: number })[]; total: number }> {
  const rows = await db.all<WatchRow & { since: number; total: number }>(sql`
    with "waiting" as materialized (
      select "h"."id" as "id", (select max("he"."at") from "hazard_events" as "he" where "he"."hazard_id" = "h"."id" and "he"."kind" = 'rectified') as "since"
      from "hazards" as "h" where "h"."status" = '待验收'
    )
    select "h"."id" as "id", "h"."number" as "number", "h"."unit_id" as "unitId", "h"."sector_id" as "sectorId",
      "h"."enterprise_name" as "enterpriseName", "h"."deadline" as "deadline", "h"."found_on" as "foundOn",
      "h"."status" as "status", "w"."since" as "since",
      (select count(*) from "waiting" where "since" < ${beforeMs}) as "total"
    from "waiting" as "w" join "hazards" as "h" on "h"."id" = "w"."id"
    where "w"."since" < ${beforeMs}
    order by "w"."since", "w"."id"
    limit ${limit}`);
  return { rows: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 };
}
