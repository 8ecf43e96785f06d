// The 年总结 card, posted on 1 December ahead of the township's report to the county (12月10日): the year's 重大
// hazards by month, sector and unit, and what each phase of the campaign achieved. Pure: a view in, card out.
import { cappedTable, INCOMPLETE_NOTE } from "./campaign-fragments";
import { card, escapeMd, md, textTable } from "./fragments";
import type { Card } from "./types";

export interface YearLine {
  name: string;
  found: number;
  general: number;
  closed: number;
}

export interface AnnualSummaryView {
  year: number;
  periodKey: string;
  incomplete: boolean;
  totals: Omit<YearLine, "name">;
  byMonth: YearLine[];
  bySector: YearLine[];
  /** most found first */
  byUnit: YearLine[];
  phases: (YearLine & { dates: string })[];
  reportDue: string;
}

const columns = (first: string) => [
  { name: "name", display_name: first, width: "auto" },
  { name: "found", display_name: "发现重大", width: "auto" },
  { name: "closed", display_name: "其中已销号", width: "auto" },
  { name: "general", display_name: "一般", width: "auto" },
];

const row = (l: YearLine) => ({
  name: l.name,
  found: String(l.found),
  closed: String(l.closed),
  general: String(l.general),
});

export function annualSummaryCard(v: AnnualSummaryView): Card {
  const t = v.totals;
  return card(
    "年总结",
    "violet",
    [
      md(
        `**${v.year}年**${v.incomplete ? INCOMPLETE_NOTE : ""}：全镇发现重大事故隐患 **${t.found}** 条，其中已销号 ${t.closed} 条（一般隐患 ${t.general} 条另计）。\n向县里报送年度总结的截止日：**${v.reportDue}**。`,
      ),
      md("**各阶段**"),
      textTable(
        [{ name: "dates", display_name: "时间", width: "auto" }, ...columns("阶段")],
        v.phases.map((p) => ({ ...row(p), dates: p.dates })),
        10,
      ),
      md("**按月**"),
      textTable(columns("月份"), v.byMonth.map(row), 10),
      md("**按领域**"),
      textTable(columns("领域"), v.bySector.map(row), 10),
      md("**按单位**"),
      ...cappedTable(columns("单位"), v.byUnit.map(row), { noun: "单位", more: `/排名 ${v.periodKey}` }),
      md(
        `排名见 \`/排名 ${escapeMd(v.periodKey)}\`；每个数字都可用 \`/隐患 列表 发现=${escapeMd(v.periodKey)} 等级=重大\` 加 单位=、领域= 复核。`,
      ),
    ],
    `${v.year}年`,
  );
}
