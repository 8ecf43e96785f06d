// 年总结 (`annual-summary`): 1 December 09:00 (or the next workday), for the year so far, ahead of the report to
// the county due 12月10日. The phases are the plan's, in the year of 专项开始.
import { annualSummaryCard, type YearLine } from "../../cards/annual-summary";
import type { Deps } from "../bot/deps";
import { effectiveSetting } from "../bot/settings";
import { campaignPhases, countyReportDue } from "../domain/campaign-phases";
import { campaignSpan, type Period, periodOf } from "../domain/periods";
import { workdayOnOrAfter } from "../domain/workdays";
import { type DaySpan, tally } from "../store/campaign-counts";
import { listHazardOwnerUnits, listSectors } from "../store/units";
import type { Job } from "./types";

type Figures = Omit<YearLine, "name">;
const zero = (): Figures => ({ found: 0, general: 0, closed: 0 });

function addTo(f: Figures, t: { level: string; found: number; closed: number }) {
  if (t.level === "重大") {
    f.found += t.found;
    f.closed += t.closed;
  } else f.general += t.found;
}

function clip(span: DaySpan, within: DaySpan | null): DaySpan | null {
  if (within === null) return null;
  const from = span.from > within.from ? span.from : within.from;
  const to = span.to < within.to ? span.to : within.to;
  return from <= to ? { from, to } : null;
}

export async function annualSummaryView(deps: Pick<Deps, "db" | "config">, year: Period) {
  const { db } = deps;
  const [start, end, units, sectors] = await Promise.all([
    effectiveSetting(deps, "专项开始"),
    effectiveSetting(deps, "专项结束"),
    listHazardOwnerUnits(db),
    listSectors(db),
  ]);
  const span = campaignSpan(year, start, end);
  const y = Number(year.key);
  const totals = zero();
  const months = Array.from({ length: 12 }, zero);
  const bySector = new Map<number, Figures>(sectors.map((s) => [s.id, zero()]));
  const byUnit = new Map<number, Figures>(units.map((u) => [u.id, zero()]));
  if (span !== null) {
    const [m, s, u] = await Promise.all([
      tally(db, span, ["month", "level"]),
      tally(db, span, ["sectorId", "level"]),
      tally(db, span, ["unitId", "level"]),
    ]);
    for (const t of m) {
      addTo(months[Number(t.month.slice(5)) - 1]!, t);
      addTo(totals, t);
    }
    for (const t of s) addTo(bySector.get(t.sectorId) ?? zero(), t);
    for (const t of u) addTo(byUnit.get(t.unitId) ?? zero(), t);
  }
  // The phases are whole months: in the summary's own year they add up its months; another year is asked for.
  const campaign = { from: start, to: end ?? "9999-12-31" };
  const phases = await Promise.all(
    campaignPhases(Number(start.slice(0, 4))).map(async (p) => {
      const f = zero();
      const within = clip(p, campaign);
      if (within && within.from.startsWith(year.key) && span !== null) {
        const first = Number(within.from.slice(5, 7));
        const last = Number(within.to.slice(5, 7));
        for (let m = first; m <= last; m++) {
          const month = months[m - 1]!;
          f.found += month.found;
          f.closed += month.closed;
          f.general += month.general;
        }
      } else if (within) for (const t of await tally(db, within, ["level"])) addTo(f, t);
      return { name: p.name, dates: `${p.from.slice(5)}～${p.to.slice(5)}`, ...f };
    }),
  );
  const collator = new Intl.Collator("zh-CN");
  return {
    year: y,
    periodKey: year.key,
    incomplete: span === null || span.incomplete,
    totals,
    byMonth: months.map((f, i) => ({ name: `${i + 1}月`, ...f })),
    bySector: sectors.map((s) => ({ name: s.name, ...(bySector.get(s.id) ?? zero()) })),
    byUnit: units
      .map((u) => ({ name: u.name, ...(byUnit.get(u.id) ?? zero()) }))
      .sort((a, b) => b.found - a.found || collator.compare(a.name, b.name)),
    phases,
    reportDue: countyReportDue(y),
  };
}

export const annualSummary: Job = {
  name: "annual-summary",
  title: "年总结",
  schedule: "12月1日 09:00（节假日顺延），当年",
  period: (today) => periodOf("year", today),
  due: (year, calendar) => ({ date: workdayOnOrAfter(calendar, `${year.key}-12-01`), time: "09:00" }),
  async run({ deps }, year) {
    return [{ msgType: "interactive", card: annualSummaryCard(await annualSummaryView(deps, year)) }];
  },
};
