// The reminder card's 已知悉 and 全部已知悉: only the addressee may press (an admin may acknowledge on their
// behalf, recorded as such; a dispatch-group escalation is the admins' to acknowledge); each press records who
// and when, and the answer is the card as it stands now, so a press on an old card shows the current state.

import type { Actor } from "../../src/bot/actor";
import { BotError } from "../../src/bot/errors";
import { effectiveAdmins } from "../../src/domain/admins";
import { listMembers } from "../../src/store/members";
import { acknowledge, getCard, type ReminderCardRow } from "../../src/store/reminders";
import type { CardAction, CardAnswer, CardContext } from "../types";
import { currentReminderCard, isGroupRecipient } from "./card-view";

function mayAcknowledge(actor: Actor, card: ReminderCardRow): boolean {
  if (actor.role === "管理员") return true;
  return !isGroupRecipient(card.recipient) && actor.openId === card.recipient;
}

async function press(ctx: CardContext, which: (open: string[]) => string[]): Promise<CardAnswer> {
  const { deps, actor, value } = ctx;
  const card = typeof value.card === "string" ? await getCard(deps.db, value.card) : undefined;
  if (!card) throw new BotError("not_found", "这张提醒卡片已失效：请以最新一张提醒为准。");
  if (!mayAcknowledge(actor, card)) {
    throw new BotError(
      "forbidden",
      isGroupRecipient(card.recipient)
        ? "调度群里的升级提醒由管理员确认。"
        : "这条提醒是发给别人的：只有本人（或管理员代为）可以点「已知悉」。",
    );
  }
  const admins = [...effectiveAdmins(await listMembers(deps.db), deps.config.adminOpenIds)];
  const before = await currentReminderCard(deps, card, admins);
  const open = before.items.filter((i) => i.ackedAt === null).map((i) => i.id);
  const item = typeof value.item === "string" ? value.item : null;
  if (item !== null && !before.items.some((i) => i.id === item))
    throw new BotError("not_found", "这张卡片上没有这一项：请以最新一张提醒为准。");
  const wanted = which(open);
  if (wanted.length === 0) {
    // An old card, or a second press: nothing to record; show what stands now.
    return { toast: { type: "info", content: "已确认过，卡片已更新为当前状态。" }, card: before.card };
  }
  const recorded = await acknowledge(deps.db, wanted, actor.openId, deps.now());
  const after = await currentReminderCard(deps, card, admins);
  const onBehalf = !isGroupRecipient(card.recipient) && actor.openId !== card.recipient;
  const content =
    recorded.length === 0
      ? "已确认过，卡片已更新为当前状态。"
      : `已记录 ${recorded.length} 项「已知悉」${onBehalf ? "（管理员代为确认）" : ""}。`;
  return { toast: { type: recorded.length === 0 ? "info" : "success", content }, card: after.card };
}

export const ackAction: CardAction = {
  name: "reminder.ack",
  permission: "reminder.ack",
  async run(ctx) {
    const item = typeof ctx.value.item === "string" ? ctx.value.item : "";
    return press(ctx, (open) => (open.includes(item) ? [item] : []));
  },
};

export const ackAllAction: CardAction = {
  name: "reminder.ackAll",
  permission: "reminder.ack",
  run: (ctx) => press(ctx, (open) => open),
};
