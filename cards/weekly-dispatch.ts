// The 周调度 card: the week's new, rectified, closed and withdrawn hazards by sector and unit; what waits too
// long (验收, 督办 clocks, 部门检查 without 督办); the most overdue with their people @mentioned; the quarter
// against the township's quota; the week's reminders and how many were acknowledged; units that logged nothing;
// the weekly trend. Pure: a view in, card JSON out.
import { cappedTable, INCOMPLETE_NOTE, type TrendPoint, trendChart } from "./campaign-fragments";
import { atMention, card, escapeMd, hr, md } from "./fragments";
import { ackRateText } from "./reminder-status";
import type { Card, CardElement } from "./types";

export interface WeekFigures {
  name: string;
  found: number;
  general: number;
  rectified: number;
  closed: number;
  withdrawn: number;
}

export interface NamedHazard {
  number: string;
  unit: string;
  /** e.g. 已超期 12 天, 待验收 5 个工作日 */
  note: string;
  mentions?: string[];
}

export interface WeeklyDispatchView {
  periodLabel: string;
  incomplete: boolean;
  totals: Omit<WeekFigures, "name">;
  bySector: WeekFigures[];
  /** units with anything this week, most found first */
  byUnit: WeekFigures[];
  awaitingCheck: { total: number; rows: NamedHazard[] };
  overdue: { total: number; rows: NamedHazard[] };
  clocks: { total: number; rows: NamedHazard[] };
  noSupervision: { total: number; rows: NamedHazard[] };
  quarter: {
    key: string;
    label: string;
    found: number;
    quota: number;
    weeksLeft: number;
    incomplete: boolean;
  };
  silentUnits: string[];
  trend: TrendPoint[];
  /** reminder items sent in the week (escalations included), how many of them are acknowledged, escalations */
  reminders: { sent: number; acked: number; escalated: number };
}

const FIGURE_COLUMNS = (first: string) => [
  { name: "name", display_name: first, width: "auto" },
  { name: "found", display_name: "新发现重大", width: "auto" },
  { name: "general", display_name: "一般", width: "auto" },
  { name: "rectified", display_name: "报整改完成", width: "auto" },
  { name: "closed", display_name: "销号", width: "auto" },
  { name: "withdrawn", display_name: "撤销", width: "auto" },
];

const figureRow = (f: WeekFigures): Record<string, string> => ({
  name: f.name,
  found: String(f.found),
  general: String(f.general),
  rectified: String(f.rectified),
  closed: String(f.closed),
  withdrawn: String(f.withdrawn),
});

function hazardLines(title: string, list: { total: number; rows: NamedHazard[] }, none: string): CardElement {
  if (list.total === 0) return md(`**${title}**：${none}`);
  const lines = list.rows.map((r) => {
    const people = (r.mentions ?? [])
      .map(atMention)
      .filter((m) => m !== "")
      .join(" ");
    return `- ${r.number} ${escapeMd(r.unit)}：${escapeMd(r.note)}${people ? ` ${people}` : ""}`;
  });
  const more = list.total > list.rows.length ? `\n另有 ${list.total - list.rows.length} 条未列出` : "";
  return md(`**${title}**（${list.total} 条）\n${lines.join("\n")}${more}`);
}

export function paceText(q: WeeklyDispatchView["quarter"]): string {
  const left = Math.max(0, q.quota - q.found);
  const head = `**${q.label}至今**：全镇发现重大隐患 **${q.found}** 条，季度目标 ${q.quota} 条${q.incomplete ? INCOMPLETE_NOTE : ""}`;
  if (left === 0) return `${head}，已完成。`;
  if (q.weeksLeft === 0) return `${head}，本季已结束，差 ${left} 条。`;
  return `${head}，还差 ${left} 条，剩 ${q.weeksLeft} 周，每周需发现约 ${Math.ceil(left / q.weeksLeft)} 条。`;
}

export function remindersText(r: WeeklyDispatchView["reminders"]): string {
  if (r.sent === 0) return "**提醒确认**：本周没有发出提醒。";
  return `**提醒确认**：本周发出提醒 ${r.sent} 项（其中升级 ${r.escalated} 项），已知悉 ${r.acked} 项，确认率 ${ackRateText(r.acked, r.sent)}；明细见 \`/提醒 状态\`。`;
}

export const SILENT_SHOWN = 30;

export function weeklyDispatchCard(v: WeeklyDispatchView): Card {
  const t = v.totals;
  const silent =
    v.silentUnits.length === 0
      ? "本周每个单位都有登记。"
      : `${v.silentUnits.slice(0, SILENT_SHOWN).map(escapeMd).join("、")}${
          v.silentUnits.length > SILENT_SHOWN ? ` 等，另有 ${v.silentUnits.length - SILENT_SHOWN} 个单位` : ""
        }`;
  const elements: CardElement[] = [
    md(
      `**${escapeMd(v.periodLabel)}**${v.incomplete ? INCOMPLETE_NOTE : ""}\n新发现重大隐患 **${t.found}** 条（一般 ${t.general} 条另计），报整改完成 ${t.rectified} 条，销号 ${t.closed} 条，撤销 ${t.withdrawn} 条。`,
    ),
    md(paceText(v.quarter)),
    ...trendChart("近 8 周新发现重大隐患", v.trend),
    hr(),
    md("**按领域**"),
    ...cappedTable(FIGURE_COLUMNS("领域"), v.bySector.map(figureRow), {
      noun: "领域",
      more: "/排名 本周 按=领域",
    }),
    md("**按单位**（本周有变化的单位）"),
    ...(v.byUnit.length === 0
      ? [md("本周没有单位有变化。")]
      : cappedTable(FIGURE_COLUMNS("单位"), v.byUnit.map(figureRow), { noun: "单位", more: "/排名 本周" })),
    hr(),
    hazardLines("超期最久的隐患", v.overdue, "没有超期的隐患。"),
    hazardLines("待验收超过 3 个工作日", v.awaitingCheck, "没有。"),
    hazardLines("督办时限 7 天内到期或已超时", v.clocks, "没有。"),
    hazardLines("部门检查的重大隐患 3 天后仍未挂牌督办", v.noSupervision, "没有。"),
    md(remindersText(v.reminders)),
    md(`**本周没有登记隐患的单位**（${v.silentUnits.length} 个）：${silent}`),
    md(`每个数字都可以用 \`/隐患 列表\` 的筛选复核，例如 \`/隐患 列表 发现=${v.quarter.key} 等级=重大\`。`),
  ];
  return card("周调度", "blue", elements, v.periodLabel);
}
