// The ranking of units (or sectors) for a period, assembled from the ledger's counts: what the 季通报 posts and
// `/排名` answers. Lives beside the jobs and commands that both use it; the rule itself is src/domain/ranking.
import type { RankingCardView } from "../../cards/ranking";
import type { Deps } from "../bot/deps";
import { effectiveSetting } from "../bot/settings";
import { campaignSpan, type Period, periodLabel } from "../domain/periods";
import { RANKING_RULE, type Ranked, type RankInput, rank, shareText } from "../domain/ranking";
import { postingsBy, supervisionClocks } from "../store/campaign-counts";
import { sectorFigures, townshipFigures, unitFigures } from "../store/campaign-figures";
import { listSectors, listUnits, townshipGovernmentIds } from "../store/units";

export type RankBy = "单位" | "领域";

export interface RankingReport {
  period: Period;
  periodLabel: string;
  /** cut by 专项开始 / 专项结束 (or outside the campaign altogether) */
  incomplete: boolean;
  by: RankBy;
  /** the township's 重大 hazards found in the period, and 一般 ones shown apart */
  total: number;
  general: number;
  /** the township's quarterly quota, for a quarter only */
  quota: number | null;
  ranked: Ranked[];
  supervision: { postings: number; met: number; missed: number; running: number };
}

export async function rankingReport(
  deps: Pick<Deps, "db" | "config">,
  period: Period,
  by: RankBy,
  today: string,
): Promise<RankingReport> {
  const { db } = deps;
  const key = by === "单位" ? "unitId" : "sectorId";
  const [start, end, quota, names] = await Promise.all([
    effectiveSetting(deps, "专项开始"),
    effectiveSetting(deps, "专项结束"),
    effectiveSetting(deps, "季度隐患目标"),
    by === "单位" ? listUnits(db, { withRetired: true }) : listSectors(db),
  ]);
  // the township government owns no hazards: listed, like a retired unit, only for old hazards still under it
  const government = by === "单位" ? await townshipGovernmentIds(db) : new Set<number>();
  const span = campaignSpan(period, start, end);
  const rows = new Map<number, RankInput>(
    names.map((n) => [
      n.id,
      {
        id: n.id,
        name: n.name,
        found: 0,
        closed: 0,
        postings: 0,
        clocksMet: 0,
        clocksMissed: 0,
        ...("retired" in n && n.retired ? { retired: true } : {}),
      },
    ]),
  );
  let general = 0;
  let total = 0;
  const supervision = { postings: 0, met: 0, missed: 0, running: 0 };
  if (span !== null) {
    const [found, township, postings, clocks] = await Promise.all([
      by === "单位" ? unitFigures(db, span) : sectorFigures(db, span),
      townshipFigures(db, span),
      postingsBy(db, span, key),
      supervisionClocks(db, span, today, deps.config.timezone),
    ]);
    for (const [id, f] of found) {
      const r = rows.get(id);
      if (r) Object.assign(r, { found: f.major, closed: f.majorClosed });
    }
    general = township.general;
    total = township.major;
    for (const [id, n] of postings) {
      const r = rows.get(id);
      if (r) r.postings = n;
      supervision.postings += n;
    }
    for (const c of clocks) {
      const r = rows.get(c[key]);
      // met late counts as missed: the share is of clocks met in time
      if (c.clock.kind === "met-in-time") {
        supervision.met++;
        if (r) r.clocksMet++;
      } else if (c.clock.kind === "running") supervision.running++;
      else {
        supervision.missed++;
        if (r) r.clocksMissed++;
      }
    }
  }
  // A retired unit (or the government) is listed only for what it did in the period, so the lines add up to the
  // township's total.
  for (const [id, r] of rows)
    if (
      (r.retired || government.has(id)) &&
      r.found + r.closed + r.postings + r.clocksMet + r.clocksMissed === 0
    )
      rows.delete(id);
  const ranked = rank([...rows.values()]);
  return {
    period,
    periodLabel: periodLabel(period),
    incomplete: span === null || span.incomplete,
    by,
    total,
    general,
    quota: period.kind === "quarter" ? quota : null,
    ranked,
    supervision,
  };
}

export const RANKING_PAGE = 20;

/** The report as the ranking card shows it: one page of lines, the rule, and whether to name praise. */
export function rankingCardView(
  report: RankingReport,
  o: { title: string; praise: boolean; page?: number },
): RankingCardView {
  return {
    title: o.title,
    periodLabel: report.periodLabel,
    periodKey: report.period.key,
    incomplete: report.incomplete,
    by: report.by,
    total: report.total,
    general: report.general,
    quota: report.quota,
    lines: report.ranked.map((r) => ({ ...r, shareText: shareText(r.share) })),
    supervision: report.supervision,
    rule: RANKING_RULE,
    page: o.page ?? 0,
    pageSize: RANKING_PAGE,
    praise: o.praise,
  };
}
