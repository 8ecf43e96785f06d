// Pieces the campaign's cards (周调度, 月小结, 季通报, 年总结, /排名) share: a capped table with its "另有 N 个…"
// line, a trend chart that still reads where charts do not render, and the 不完整 mark.
import { md, type TableColumn, textTable } from "./fragments";
import type { CardElement } from "./types";

/** Rows beyond this are left to a command: 300 units must never push a card past Feishu's 30 KB. */
export const TOP_ROWS = 20;

/**
 * A table of at most `limit` rows; when there are more, a line saying how many were left out and the command
 * that shows them all.
 */
export function cappedTable(
  columns: TableColumn[],
  rows: Record<string, string>[],
  o: { limit?: number; noun: string; more: string },
): CardElement[] {
  const limit = o.limit ?? TOP_ROWS;
  const shown = textTable(columns, rows.slice(0, limit), 10);
  if (rows.length <= limit) return [shown];
  return [shown, md(`另有 ${rows.length - limit} 个${o.noun}未列出，完整名单：${o.more}`)];
}

export interface TrendPoint {
  label: string;
  value: number;
}

/**
 * A bar chart of a trend (the card's chart element, a VChart spec), followed by the same figures as text,
 * so clients that do not render charts (and `npm run chat`) still read them.
 */
export function trendChart(title: string, points: TrendPoint[]): CardElement[] {
  return [
    {
      tag: "chart",
      aspect_ratio: "16:9",
      chart_spec: {
        type: "bar",
        title: { text: title },
        data: { values: points.map((p) => ({ label: p.label, value: p.value })) },
        xField: "label",
        yField: "value",
      },
    },
    md(`${title}：${points.map((p) => `${p.label} **${p.value}**`).join(" · ")}`),
  ];
}

export const INCOMPLETE_NOTE = "（不完整：本期被专项开始或专项结束截断）";

/** After a retired unit's name: listed for what it did, its hazards in the township's totals, never ranked. */
export const RETIRED_MARK = "（已停用）";
