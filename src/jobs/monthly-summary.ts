// 月小结 (`monthly-summary`): the 1st at 09:00 (or the next workday), for the previous month, from the ledger.
import { type FoundClosed, monthlySummaryCard, type SectorMonth } from "../../cards/monthly-summary";
import type { Deps } from "../bot/deps";
import { effectiveSetting } from "../bot/settings";
import { form4RowOfSource } from "../domain/hazard-lifecycle";
import { campaignSpan, type Period, periodLabel } from "../domain/periods";
import type { DaySpan } from "../store/campaign-counts";
import { sectorSourceFigures, supervisedSectorFigures, townshipFigures } from "../store/campaign-figures";
import { listSectors } from "../store/units";
import { firstWorkdayAfter, previousOf } from "./schedule";
import type { Job } from "./types";

const none = (): FoundClosed => ({ found: 0, closed: 0 });

async function bySector(
  deps: Pick<Deps, "db">,
  span: DaySpan | null,
  sectors: { id: number; name: string }[],
) {
  const rows = new Map<number, SectorMonth>(
    sectors.map((s) => [s.id, { name: s.name, selfCheck: none(), inspection: none(), supervised: none() }]),
  );
  if (span === null) return [...rows.values()];
  const [bySource, supervised] = await Promise.all([
    sectorSourceFigures(deps.db, span),
    supervisedSectorFigures(deps.db, span),
  ]);
  for (const t of bySource) {
    const row = rows.get(t.sectorId);
    if (!row) continue;
    const found = form4RowOfSource(t.source) === "企业自查发现" ? row.selfCheck : row.inspection;
    found.found += t.major;
    found.closed += t.majorClosed;
  }
  for (const [sectorId, f] of supervised) {
    const row = rows.get(sectorId);
    if (row) row.supervised = { found: f.found, closed: f.closed };
  }
  return [...rows.values()];
}

export async function monthlySummaryView(deps: Pick<Deps, "db" | "config">, month: Period) {
  const [start, end, sectors] = await Promise.all([
    effectiveSetting(deps, "专项开始"),
    effectiveSetting(deps, "专项结束"),
    listSectors(deps.db),
  ]);
  const span = campaignSpan(month, start, end);
  const cumulativeTo = end !== null && end < month.end ? end : month.end;
  const cumulative = cumulativeTo >= start ? { from: start, to: cumulativeTo } : null;
  const general = span === null ? 0 : (await townshipFigures(deps.db, span)).general;
  return {
    periodLabel: periodLabel(month),
    periodKey: month.key,
    incomplete: span === null || span.incomplete,
    since: start,
    month: await bySector(deps, span, sectors),
    cumulative: await bySector(deps, cumulative, sectors),
    generalMonth: general,
  };
}

export const monthlySummary: Job = {
  name: "monthly-summary",
  title: "月小结",
  schedule: "每月1日 09:00（节假日顺延），上个月",
  period: previousOf("month"),
  due: firstWorkdayAfter("09:00"),
  async run({ deps }, month) {
    return [{ msgType: "interactive", card: monthlySummaryCard(await monthlySummaryView(deps, month)) }];
  },
};
