// The campaign's figures per unit, per sector and 来源, per month and for the township, each a count(*) that a
// `/隐患 列表` filter reproduces (发现=, 等级=, 状态=, 单位=, 领域=, 来源=). Each figure is its own index seek
// (hazards_unit_found, hazards_sector_found, hazards_found_cover) counted in the index: at 100,000 hazards this is
// several times cheaper than grouping a period's hazards through a sort (bench/campaign-cards.ts).
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { HAZARD_SOURCES, type HazardSource } from "../domain/hazard-lifecycle";
import { nextPeriod, periodOf } from "../domain/periods";
import type { DaySpan } from "./campaign-counts";

/** 重大 found, of them closed (已销号), and 一般 found; 已撤销 never counts. */
export interface Figures {
  major: number;
  majorClosed: number;
  general: number;
}

export const noFigures = (): Figures => ({ major: 0, majorClosed: 0, general: 0 });

export const hasFigures = (f: Figures | undefined): boolean => f !== undefined && f.major + f.general > 0;

/**
 * The three counts of the hazards `which` picks (a condition on the alias "h"), found in `span`. The status is
 * compared as `+status`, which no index can serve: otherwise `status = '已销号'` looks the more selective to
 * the planner, and it reads every closed hazard's row through hazards_status_deadline (15 times slower).
 */
function figures(which: SQL, span: { from: SQL | string; to: SQL | string }): SQL {
  const count = (level: string, status: SQL) =>
    sql`(select count(*) from "hazards" as "h" where ${which} and "h"."level" = ${level} and "h"."found_on" between ${span.from} and ${span.to} and +"h"."status" ${status})`;
  return sql`${count("重大", sql`<> '已撤销'`)} as "major", ${count("重大", sql`= '已销号'`)} as "majorClosed", ${count("一般", sql`<> '已撤销'`)} as "general"`;
}

const asFigures = (r: Figures): Figures => ({
  major: r.major,
  majorClosed: r.majorClosed,
  general: r.general,
});

/** The township's figures for the span. */
export async function townshipFigures(db: Db, span: DaySpan): Promise<Figures> {
  const [row] = await db.all<Figures>(sql`select ${figures(sql`1`, span)}`);
  return row ? asFigures(row) : noFigures();
}

/** Every unit ever registered (retired ones too: their hazards count in the township's totals), by id. */
export async function unitFigures(db: Db, span: DaySpan): Promise<Map<number, Figures>> {
  const rows = await db.all<Figures & { id: number }>(
    sql`select "k"."id" as "id", ${figures(sql`"h"."unit_id" = "k"."id"`, span)} from "units" as "k"`,
  );
  return new Map(rows.map((r) => [r.id, asFigures(r)]));
}

export interface SectorSourceFigures extends Figures {
  sectorId: number;
  source: HazardSource;
}

const sourcesTable = sql.raw(`(values ${HAZARD_SOURCES.map((s) => `('${s}')`).join(", ")}) as "src"`);

/** Every sector, by 来源 (the domain's four): the rows 附件4 and the 月小结 add up by their own mapping. */
export async function sectorSourceFigures(db: Db, span: DaySpan): Promise<SectorSourceFigures[]> {
  return db.all<SectorSourceFigures>(
    sql`select "k"."id" as "sectorId", "src"."column1" as "source", ${figures(
      sql`"h"."sector_id" = "k"."id" and "h"."source" = "src"."column1"`,
      span,
    )} from "sectors" as "k" cross join ${sourcesTable}`,
  );
}

/** Per sector: the sums over 来源. */
export async function sectorFigures(db: Db, span: DaySpan): Promise<Map<number, Figures>> {
  const bySector = new Map<number, Figures>();
  for (const r of await sectorSourceFigures(db, span)) {
    const f = bySector.get(r.sectorId) ?? noFigures();
    f.major += r.major;
    f.majorClosed += r.majorClosed;
    f.general += r.general;
    bySector.set(r.sectorId, f);
  }
  return bySector;
}

/** The months of a span (clipped to it), each with its own first and last day. */
function monthsOf(span: DaySpan): { key: string; from: string; to: string }[] {
  const months: { key: string; from: string; to: string }[] = [];
  for (let m = periodOf("month", span.from); m.start <= span.to; m = nextPeriod(m))
    months.push({
      key: m.key,
      from: m.start < span.from ? span.from : m.start,
      to: m.end > span.to ? span.to : m.end,
    });
  return months;
}

/** Per month (YYYY-MM) of the span. */
export async function monthFigures(db: Db, span: DaySpan): Promise<Map<string, Figures>> {
  const list = sql.join(
    monthsOf(span).map((m) => sql`(${m.key}, ${m.from}, ${m.to})`),
    sql`, `,
  );
  const rows = await db.all<Figures & { month: string }>(
    sql`select "m"."column1" as "month", ${figures(sql`1`, { from: sql`"m"."column2"`, to: sql`"m"."column3"` })} from (values ${list}) as "m"`,
  );
  return new Map(rows.map((r) => [r.month, asFigures(r)]));
}

/**
 * Per sector: the 重大 hazards found in the span with a 督办 posting standing (`/隐患 列表 督办=有`), and how many
 * of them are closed. Driven from the postings, far fewer than the hazards.
 */
export async function supervisedSectorFigures(
  db: Db,
  span: DaySpan,
): Promise<Map<number, { found: number; closed: number }>> {
  const rows = await db.all<{ sectorId: number; found: number; closed: number }>(
    sql`select "h"."sector_id" as "sectorId", count(*) as "found", coalesce(sum("h"."status" = '已销号'), 0) as "closed" from "hazards" as "h" where "h"."id" in (select "hs"."hazard_id" from "hazard_supervisions" as "hs" where "hs"."withdrawn_at" is null) and "h"."level" = '重大' and "h"."found_on" between ${span.from} and ${span.to} and "h"."status" <> '已撤销' group by "h"."sector_id"`,
  );
  return new Map(rows.map((r) => [r.sectorId, { found: r.found, closed: r.closed }]));
}
