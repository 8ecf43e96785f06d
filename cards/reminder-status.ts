// /提醒 状态: how many reminders were acknowledged, by unit and enterprise, who has not yet, and who the bot
// cannot message privately (无法私信). Pure: data in, card out.
import { card, escapeMd, md, textTable } from "./fragments";
import type { Card } from "./types";

export interface ReminderStatusRow {
  unit: string;
  enterprise: string;
  total: number;
  acked: number;
  /** names of those with items still unacknowledged, 无法私信 marked */
  pending: string[];
}

export interface ReminderStatusView {
  periodLabel: string;
  scopeLabel: string;
  rows: ReminderStatusRow[];
  unreachable: string[];
}

/** Rows shown at most; the rest are counted (the table pages by 10). */
export const MAX_STATUS_ROWS = 100;

export function ackRateText(acked: number, total: number): string {
  return total === 0 ? "—" : `${Math.round((acked * 100) / total)}%`;
}

export function reminderStatusCard(view: ReminderStatusView): Card {
  const total = view.rows.reduce((n, r) => n + r.total, 0);
  const acked = view.rows.reduce((n, r) => n + r.acked, 0);
  const elements = [
    md(
      total === 0
        ? `${escapeMd(view.scopeLabel)}：这段时间没有发出提醒。`
        : `${escapeMd(view.scopeLabel)}：共提醒 ${total} 项，已知悉 ${acked} 项，未确认 ${total - acked} 项，确认率 ${ackRateText(acked, total)}。`,
    ),
  ];
  const shown = view.rows.slice(0, MAX_STATUS_ROWS);
  if (shown.length > 0) {
    elements.push(
      textTable(
        [
          { name: "unit", display_name: "单位" },
          { name: "enterprise", display_name: "企业（项目）" },
          { name: "acked", display_name: "已知悉/共" },
          { name: "pending", display_name: "未确认" },
        ],
        shown.map((r) => ({
          unit: r.unit,
          enterprise: r.enterprise,
          acked: `${r.acked}/${r.total}`,
          pending: r.pending.join("、") || "—",
        })),
      ),
    );
  }
  if (view.rows.length > shown.length)
    elements.push(md(`另有 ${view.rows.length - shown.length} 行未显示：请加 单位= 缩小范围。`));
  if (view.unreachable.length > 0)
    elements.push(
      md(
        `无法私信（不在应用可用范围内，提醒改在隐患所在群 @ 本人）：${view.unreachable.map(escapeMd).join("、")}`,
      ),
    );
  return card("提醒确认情况", acked === total ? "green" : "orange", elements, view.periodLabel);
}
