// The 月小结 card: per sector, 重大 hazards found by 企业自查, by 部门检查 (with 上级检查 and 举报, as 附件4 rows
// them) and posted for 挂牌督办, each with how many are closed; for the month and cumulative since 专项开始.
// Pure: a view in, card JSON out.
import { INCOMPLETE_NOTE } from "./campaign-fragments";
import { card, escapeMd, md, textTable } from "./fragments";
import type { Card } from "./types";

export interface FoundClosed {
  found: number;
  closed: number;
}

export interface SectorMonth {
  name: string;
  selfCheck: FoundClosed;
  inspection: FoundClosed;
  supervised: FoundClosed;
}

export interface MonthlySummaryView {
  periodLabel: string;
  /** e.g. 2023-06, as /隐患 列表 发现= takes it */
  periodKey: string;
  incomplete: boolean;
  /** 专项开始, where the cumulative figures start */
  since: string;
  month: SectorMonth[];
  cumulative: SectorMonth[];
  generalMonth: number;
}

const COLUMNS = [
  { name: "name", display_name: "领域", width: "auto" },
  { name: "selfCheck", display_name: "企业自查 发现/已整治", width: "auto" },
  { name: "inspection", display_name: "部门检查 发现/已整治", width: "auto" },
  { name: "supervised", display_name: "挂牌督办 发现/已整治", width: "auto" },
];

const cell = (f: FoundClosed) => `${f.found}/${f.closed}`;

function withTotal(rows: SectorMonth[]): SectorMonth[] {
  const sum = (pick: (r: SectorMonth) => FoundClosed): FoundClosed => ({
    found: rows.reduce((n, r) => n + pick(r).found, 0),
    closed: rows.reduce((n, r) => n + pick(r).closed, 0),
  });
  return [
    {
      name: "全镇",
      selfCheck: sum((r) => r.selfCheck),
      inspection: sum((r) => r.inspection),
      supervised: sum((r) => r.supervised),
    },
    ...rows,
  ];
}

function table(rows: SectorMonth[]) {
  return textTable(
    COLUMNS,
    withTotal(rows).map((r) => ({
      name: r.name,
      selfCheck: cell(r.selfCheck),
      inspection: cell(r.inspection),
      supervised: cell(r.supervised),
    })),
    10,
  );
}

export function monthlySummaryCard(v: MonthlySummaryView): Card {
  return card(
    "月小结",
    "turquoise",
    [
      md(
        `**${escapeMd(v.periodLabel)}**${v.incomplete ? INCOMPLETE_NOTE : ""}：各领域重大事故隐患排查整治情况（按发现日期计，已撤销的不计；部门检查含上级检查、举报；一般隐患 ${v.generalMonth} 条另计）。`,
      ),
      md("**本月**"),
      table(v.month),
      md(`**累计**（自专项开始 ${v.since}）`),
      table(v.cumulative),
      md(`数字全部来自台账，可复核，例如 \`/隐患 列表 发现=${v.periodKey} 等级=重大 来源=企业自查\`。`),
    ],
    v.periodLabel,
  );
}
