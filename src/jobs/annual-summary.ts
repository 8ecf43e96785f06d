// 年总结 (`annual-summary`): 1 December 09:00 (or the next workday), for the year so far, ahead of the report to
// the county due 12月10日. The phases are the plan's, in the year of 专项开始.
import { annualSummaryCard, type YearLine } from "../../cards/annual-summary";
import { RETIRED_MARK } from "../../cards/campaign-fragments";
import type { Deps } from "../bot/deps";
import { effectiveSetting } from "../bot/settings";
import { campaignPhases, countyReportDue } from "../domain/campaign-phases";
import { campaignSpan, type Period, periodOf } from "../domain/periods";
import { workdayOnOrAfter } from "../domain/workdays";
import type { DaySpan } from "../store/campaign-counts";
import {
  type Figures,
  hasFigures,
  monthFigures,
  sectorFigures,
  townshipFigures,
  unitFigures,
} from "../store/campaign-figures";
import { listSectors, listUnits, townshipGovernmentIds } from "../store/units";
import type { Job } from "./types";

const pad2 = (n: number) => String(n).padStart(2, "0");

type Line = Omit<YearLine, "name">;
const zero = (): Line => ({ found: 0, general: 0, closed: 0 });
const line = (f: Figures | undefined): Line =>
  f ? { found: f.major, closed: f.majorClosed, general: f.general } : zero();

function clip(span: DaySpan, within: DaySpan | null): DaySpan | null {
  if (within === null) return null;
  const from = span.from > within.from ? span.from : within.from;
  const to = span.to < within.to ? span.to : within.to;
  return from <= to ? { from, to } : null;
}

export async function annualSummaryView(deps: Pick<Deps, "db" | "config">, year: Period) {
  const { db } = deps;
  const [start, end, units, government, sectors] = await Promise.all([
    effectiveSetting(deps, "专项开始"),
    effectiveSetting(deps, "专项结束"),
    listUnits(db, { withRetired: true }),
    townshipGovernmentIds(db),
    listSectors(db),
  ]);
  const span = campaignSpan(year, start, end);
  const y = Number(year.key);
  const [months, bySector, byUnit] =
    span === null
      ? [new Map<string, Figures>(), new Map<number, Figures>(), new Map<number, Figures>()]
      : await Promise.all([monthFigures(db, span), sectorFigures(db, span), unitFigures(db, span)]);
  const monthLines = Array.from({ length: 12 }, (_, i) => line(months.get(`${year.key}-${pad2(i + 1)}`)));
  // the months cover the span whole: their sum is the year's total
  const totals = zero();
  for (const m of monthLines) {
    totals.found += m.found;
    totals.closed += m.closed;
    totals.general += m.general;
  }
  // The phases are whole months: in the summary's own year they add up its months; another year is asked for.
  const campaign = { from: start, to: end ?? "9999-12-31" };
  const phases = await Promise.all(
    campaignPhases(Number(start.slice(0, 4))).map(async (p) => {
      const f = zero();
      const within = clip(p, campaign);
      if (within?.from.startsWith(year.key) && span !== null) {
        const first = Number(within.from.slice(5, 7));
        const last = Number(within.to.slice(5, 7));
        for (let m = first; m <= last; m++) {
          const month = monthLines[m - 1]!;
          f.found += month.found;
          f.closed += month.closed;
          f.general += month.general;
        }
      } else if (within) Object.assign(f, line(await townshipFigures(db, within)));
      return { name: p.name, dates: `${p.from.slice(5)}～${p.to.slice(5)}`, ...f };
    }),
  );
  const collator = new Intl.Collator("zh-CN");
  // Every active unit; a retired one (or the township government, which owns no hazards) for what it did this
  // year, so the lines add up to the township's total.
  return {
    year: y,
    periodKey: year.key,
    incomplete: span === null || span.incomplete,
    totals,
    byMonth: monthLines.map((f, i) => ({ name: `${i + 1}月`, ...f })),
    bySector: sectors.map((s) => ({ name: s.name, ...line(bySector.get(s.id)) })),
    byUnit: units
      .filter((u) => (!u.retired && !government.has(u.id)) || hasFigures(byUnit.get(u.id)))
      .map((u) => ({ name: u.retired ? `${u.name}${RETIRED_MARK}` : u.name, ...line(byUnit.get(u.id)) }))
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
