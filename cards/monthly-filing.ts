// Who has filed for a month (附件3 confirmations by unit, 附件4 by sector): the reminders ahead of the 20th name
// those who have not, @mentioning their bound people; the 21st's roll-call lists both. Pure: a view in, card out.
import { atMention, card, escapeMd, md } from "./fragments";
import type { Card } from "./types";

export interface FilingLine {
  name: string;
  /** 已确认 / 已变更 / 未确认, 已填报 / 未填报 */
  state: string;
  done: boolean;
  /** the bound people to @mention when not done */
  people: string[];
}

export interface FilingCardView {
  mode: "reminder" | "roll-call";
  /** 2023年6月 */
  monthLabel: string;
  /** 2023-06 */
  monthKey: string;
  /** 2023-07-20 */
  dueDay: string;
  units: FilingLine[];
  sectors: FilingLine[];
}

function missing(lines: FilingLine[]): string {
  return lines
    .filter((l) => !l.done)
    .map((l) => {
      const who = l.people.length > 0 ? ` ${l.people.map(atMention).join(" ")}` : "（未绑定负责人）";
      return `- ${escapeMd(l.name)}${l.state === "已变更" ? "（确认后有变更，需重新确认）" : ""}${who}`;
    })
    .join("\n");
}

export function filingCard(view: FilingCardView): Card {
  const unitsLeft = view.units.filter((l) => !l.done);
  const sectorsLeft = view.sectors.filter((l) => !l.done);
  const parts: string[] = [];
  if (view.mode === "reminder") {
    parts.push(`${view.monthLabel}的附件3 台账和附件4 调度表 **${view.dueDay} 截止**（每月20日报上个月）。`);
  } else {
    parts.push(
      `${view.monthLabel}：附件3 已确认 **${view.units.length - unitsLeft.length}/${view.units.length}** 个单位，附件4 已填报 **${view.sectors.length - sectorsLeft.length}/${view.sectors.length}** 个领域（截止 ${view.dueDay}）。全镇汇总的两张表见下方文件。`,
    );
  }
  if (unitsLeft.length > 0)
    parts.push(
      `**未确认附件3 台账的单位（${unitsLeft.length}）**\n${missing(view.units)}\n确认：/台账 确认 ${view.monthKey}`,
    );
  if (sectorsLeft.length > 0)
    parts.push(
      `**未填报附件4 调度表的领域（${sectorsLeft.length}）**\n${missing(view.sectors)}\n填报：/调度表 填报 ${view.monthKey} 领域=…`,
    );
  if (view.mode === "roll-call") {
    const done = view.units.filter((l) => l.done).map((l) => escapeMd(l.name));
    const filed = view.sectors.filter((l) => l.done).map((l) => escapeMd(l.name));
    if (done.length > 0) parts.push(`**已确认附件3**：${done.join("、")}`);
    if (filed.length > 0) parts.push(`**已填报附件4**：${filed.join("、")}`);
  }
  if (unitsLeft.length === 0 && sectorsLeft.length === 0) parts.push("全部已报。");
  const title = view.mode === "reminder" ? `月报提醒：${view.monthLabel}` : `月报点名：${view.monthLabel}`;
  return card(
    title,
    view.mode === "reminder" ? "orange" : "indigo",
    [md(parts.join("\n\n"))],
    `截止 ${view.dueDay}`,
  );
}
