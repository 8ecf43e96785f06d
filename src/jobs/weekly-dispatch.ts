// 周调度 (`weekly-dispatch`): Monday 09:00, or the next workday, for the previous Monday–Sunday.

import { RETIRED_MARK } from "../../cards/campaign-fragments";
import { type NamedHazard, type WeekFigures, weeklyDispatchCard } from "../../cards/weekly-dispatch";
import { effectiveSetting } from "../bot/settings";
import { dueText } from "../domain/hazard-lifecycle";
import { campaignSpan, type Period, periodLabel, periodOf } from "../domain/periods";
import { clockText, MUST_POST_WITHIN_DAYS } from "../domain/supervision-clock";
import { addDays, dateIn, daysBetween, zonedMoment } from "../domain/time";
import { workdaysBetween } from "../domain/workdays";
import { movesBetween, supervisionClocks, tally } from "../store/campaign-counts";
import { townshipFigures } from "../store/campaign-figures";
import {
  awaitingCheckSince,
  inspectionsWithoutSupervision,
  mostOverdue,
  type WatchRow,
} from "../store/campaign-lists";
import { sectorCadres, unitCadres } from "../store/hazard-audience";
import { sentCountsBetween } from "../store/reminders";
import { listSectors, listUnits, townshipGovernmentIds } from "../store/units";
import { firstWorkdayAfter, previousOf } from "./schedule";
import type { Job, JobRun } from "./types";

const LISTED = 10;
const TREND_WEEKS = 8;

type Figures = Omit<WeekFigures, "name">;
const empty = (): Figures => ({ found: 0, general: 0, rectified: 0, closed: 0, withdrawn: 0 });

export async function weeklyDispatchView(run: JobRun, week: Period) {
  const { deps, calendar, today } = run;
  const db = deps.db;
  const tz = deps.config.timezone;
  const [start, end, quota, units, government, sectors] = await Promise.all([
    effectiveSetting(deps, "专项开始"),
    effectiveSetting(deps, "专项结束"),
    effectiveSetting(deps, "季度隐患目标"),
    listUnits(db, { withRetired: true }),
    townshipGovernmentIds(db),
    listSectors(db),
  ]);
  // a retired unit is still named for what happened to its hazards this week
  const unitName = new Map(units.map((u) => [u.id, u.retired ? `${u.name}${RETIRED_MARK}` : u.name]));
  const sectorName = new Map(sectors.map((s) => [s.id, s.name]));
  const span = campaignSpan(week, start, end) ?? { from: week.start, to: week.start, incomplete: true };
  const inCampaign = campaignSpan(week, start, end) !== null;

  const byUnit = new Map<number, Figures>();
  const bySector = new Map<number, Figures>(sectors.map((s) => [s.id, empty()]));
  const totals = empty();
  const add = (unitId: number, sectorId: number, key: keyof Figures, n: number) => {
    for (const [map, id] of [
      [byUnit, unitId],
      [bySector, sectorId],
    ] as const) {
      const f = map.get(id) ?? empty();
      f[key] += n;
      map.set(id, f);
    }
    totals[key] += n;
  };
  if (inCampaign) {
    for (const r of await tally(db, span, ["unitId", "sectorId", "level"]))
      add(r.unitId, r.sectorId, r.level === "重大" ? "found" : "general", r.found);
  }
  const fromMs = zonedMoment(week.start, "00:00", tz);
  const toMs = zonedMoment(addDays(week.end, 1), "00:00", tz);
  for (const r of await movesBetween(db, fromMs, toMs)) add(r.unitId, r.sectorId, r.kind, r.n);

  const named = (r: WatchRow, note: string, mentions?: string[]): NamedHazard => ({
    number: r.number,
    unit: unitName.get(r.unitId) ?? "",
    note,
    ...(mentions ? { mentions } : {}),
  });
  const overdue = await mostOverdue(db, today, LISTED);
  const overdueRows = await Promise.all(
    overdue.rows.map(async (r) => {
      const people = [
        ...new Set([...(await unitCadres(db, r.unitId)), ...(await sectorCadres(db, r.sectorId))]),
      ];
      return named(
        r,
        `${r.enterpriseName}，期限 ${r.deadline}，${dueText(r.deadline, today)}`,
        people.slice(0, 5),
      );
    }),
  );
  // More than 3 workdays: reported before the 4th most recent workday (today included) began.
  let fourth = today;
  for (let n = 0; ; fourth = addDays(fourth, -1)) if (calendar.isWorkday(fourth) && ++n === 4) break;
  const waiting = await awaitingCheckSince(db, zonedMoment(fourth, "00:00", tz), LISTED);
  const clocks = await supervisionClocks(db, { from: "2000-01-01", to: addDays(today, 7) }, today, tz, {
    openUnmet: true,
  });
  const noSupervision = await inspectionsWithoutSupervision(
    db,
    addDays(today, -MUST_POST_WITHIN_DAYS - 1),
    LISTED,
  );

  const quarter = periodOf("quarter", week.end);
  const quarterSpan = campaignSpan(quarter, start, end);
  const quarterFound =
    quarterSpan === null
      ? 0
      : (
          await townshipFigures(db, {
            from: quarterSpan.from,
            to: week.end < quarterSpan.to ? week.end : quarterSpan.to,
          })
        ).major;

  const foundThisWeek = new Set([...byUnit].filter(([, f]) => f.found + f.general > 0).map(([id]) => id));
  const trendStart = addDays(week.start, -7 * (TREND_WEEKS - 1));
  const days = await tally(db, { from: trendStart < start ? start : trendStart, to: span.to }, ["day"], {
    level: "重大",
  });
  const trend = Array.from({ length: TREND_WEEKS }, (_, i) => {
    const from = addDays(trendStart, 7 * i);
    const to = addDays(from, 6);
    return {
      label: from.slice(5),
      value: days.filter((d) => d.day >= from && d.day <= to).reduce((n, d) => n + d.found, 0),
    };
  });

  return {
    periodLabel: periodLabel(week),
    incomplete: !inCampaign || span.incomplete,
    totals,
    bySector: sectors.map((s) => ({ name: s.name, ...(bySector.get(s.id) ?? empty()) })),
    byUnit: [...byUnit]
      .map(([id, f]) => ({ name: unitName.get(id) ?? String(id), ...f }))
      .sort((a, b) => b.found - a.found || b.general - a.general || a.name.localeCompare(b.name, "zh")),
    awaitingCheck: {
      total: waiting.total,
      rows: waiting.rows.map((r) =>
        named(r, `待验收 ${workdaysBetween(calendar, dateIn(r.since, tz), today)} 个工作日`),
      ),
    },
    overdue: { total: overdue.total, rows: overdueRows },
    clocks: {
      total: clocks.length,
      rows: clocks.slice(0, LISTED).map((c) => ({
        number: c.number,
        unit: unitName.get(c.unitId) ?? "",
        note: `${c.level}督办，实质进展期限 ${c.dueOn}，${clockText(c.clock)}`,
      })),
    },
    noSupervision: {
      total: noSupervision.total,
      rows: noSupervision.rows.map((r) =>
        named(r, `${sectorName.get(r.sectorId) ?? ""}，${r.foundOn} 发现，未挂牌督办`),
      ),
    },
    quarter: {
      key: quarter.key,
      label: periodLabel(quarter),
      found: quarterFound,
      quota,
      weeksLeft: Math.max(0, Math.ceil(daysBetween(week.end, quarter.end) / 7)),
      incomplete: quarterSpan?.incomplete ?? true,
    },
    // the township government owns no hazards: never named as a unit that logged none
    silentUnits: units
      .filter((u) => !u.retired && !government.has(u.id) && !foundThisWeek.has(u.id))
      .map((u) => u.name),
    trend,
    reminders: await sentCountsBetween(db, week.start, week.end),
  };
}

export const weeklyDispatch: Job = {
  name: "weekly-dispatch",
  title: "周调度",
  schedule: "每周一 09:00（节假日顺延到下一个工作日），上周一至周日",
  period: previousOf("week"),
  due: firstWorkdayAfter("09:00"),
  async run(run, week) {
    return [{ msgType: "interactive", card: weeklyDispatchCard(await weeklyDispatchView(run, week)) }];
  },
};
