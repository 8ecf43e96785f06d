// The reminder card: one a day per person (or one a day for the dispatch group's escalations), a row and an
// 已知悉 button per item, 全部已知悉 for the rest; rebuilt from the current state whenever a button is pressed.
import { atMention, button, buttonRow, card, escapeMd, hr, md } from "./fragments";
import type { Card, CardElement } from "./types";

/** At most this many rows are shown; the rest are counted. */
export const MAX_SHOWN_ITEMS = 20;

export interface ReminderItemView {
  id: string;
  number: string;
  enterpriseName: string;
  line: string;
  /** 0: first reminder; 1 or 2: escalated */
  stage: number;
  acked: { byName: string; at: string; onBehalf: boolean } | null;
}

export interface ReminderCardView {
  cardId: string;
  day: string;
  /** a person's card; for the dispatch group's card, the admins mentioned */
  to:
    | { kind: "person"; openId: string; name: string | null; mention: boolean }
    | { kind: "group"; admins: string[] };
  items: ReminderItemView[];
}

function itemRow(cardId: string, item: ReminderItemView): CardElement {
  const escalated = item.stage > 0 ? "（未及时确认，已升级）" : "";
  const text = `**${escapeMd(item.number)}** ${escapeMd(item.enterpriseName)}${escalated}\n${escapeMd(item.line)}`;
  const right: CardElement = item.acked
    ? md(
        `已知悉\n${escapeMd(item.acked.byName)}${item.acked.onBehalf ? "（代确认）" : ""} ${escapeMd(item.acked.at)}`,
      )
    : button("已知悉", { action: "reminder.ack", card: cardId, item: item.id }, "primary");
  return {
    tag: "column_set",
    flex_mode: "none",
    horizontal_spacing: "small",
    columns: [
      { tag: "column", width: "weighted", weight: 4, elements: [md(text)] },
      { tag: "column", width: "weighted", weight: 1, vertical_align: "center", elements: [right] },
    ],
  };
}

export function reminderCard(view: ReminderCardView): Card {
  const open = view.items.filter((i) => i.acked === null).length;
  const shown = view.items.slice(0, MAX_SHOWN_ITEMS);
  const elements: CardElement[] = [];
  if (view.to.kind === "person" && view.to.mention) {
    elements.push(md(`${atMention(view.to.openId)} 机器人无法私信你，提醒发在这里：请逐项点「已知悉」。`));
  }
  if (view.to.kind === "group") {
    const admins = view.to.admins
      .map(atMention)
      .filter((m) => m !== "")
      .join(" ");
    elements.push(md(`${admins} 以下事项提醒后超过宽限工作日仍无人确认，请跟进处理。`.trim()));
  }
  elements.push(
    md(
      open === 0
        ? "全部已知悉，谢谢。"
        : `共 ${view.items.length} 项，${open} 项待确认。点「已知悉」表示已收到并会处理。`,
    ),
  );
  for (const item of shown) {
    elements.push(hr());
    elements.push(itemRow(view.cardId, item));
  }
  if (view.items.length > shown.length)
    elements.push(md(`另有 ${view.items.length - shown.length} 项未显示（可用 /提醒 状态 查看）。`));
  if (open > 0) {
    elements.push(hr());
    elements.push(
      buttonRow([button("全部已知悉", { action: "reminder.ackAll", card: view.cardId }, "primary_filled")]),
    );
  }
  const title = view.to.kind === "group" ? "提醒升级：无人确认的事项" : "安督提醒";
  const who = view.to.kind === "person" && view.to.name ? `${view.to.name} · ` : "";
  return card(
    title,
    open === 0 ? "green" : view.to.kind === "group" ? "red" : "orange",
    elements,
    `${who}${view.day}`,
  );
}
