// A private reminder Feishu refused with 230013 (the person is outside the app's availability, e.g. a shop owner
// of another tenant): the card is marked (无法私信 in /提醒 状态) and its items go to each hazard's group with
// the person @mentioned, where only they (or an admin) may acknowledge them.
import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { reminderCardView } from "../../commands/reminder/card-view";
import { hazards } from "../../db/schema";
import type { Deps } from "../bot/deps";
import { effectiveSetting } from "../bot/settings";
import { effectiveAdmins } from "../domain/admins";
import { isUniqueViolation } from "../store/constraint";
import { listMembers } from "../store/members";
import type { OutboxRow } from "../store/outbox";
import { cardItemIds, cardStatements, getCard, itemsByIds, markCardRefused } from "../store/reminders";

/** Feishu: the bot has no availability to this user (outside the app's 可用范围). */
export const NO_AVAILABILITY = 230013;

const REF_PREFIX = "reminder-card:";

export async function reminderRefused(deps: Deps, row: OutboxRow, code: number | undefined): Promise<void> {
  if (code !== NO_AVAILABILITY || !row.ref?.startsWith(REF_PREFIX)) return;
  const card = await getCard(deps.db, row.ref.slice(REF_PREFIX.length));
  if (!card || card.chatId !== null) return;
  await markCardRefused(deps.db, card.id, code);
  const items = await itemsByIds(deps.db, cardItemIds(card));
  const chats = await deps.db
    .select({ id: hazards.id, chatId: hazards.chatId })
    .from(hazards)
    .where(
      inArray(
        hazards.id,
        items.map((i) => i.subjectId),
      ),
    );
  const chatOf = new Map(chats.map((c) => [c.id, c.chatId]));
  const dispatch = await effectiveSetting(deps, "调度群");
  const perChat = new Map<string, typeof items>();
  for (const item of items) {
    const chat = chatOf.get(item.subjectId) ?? dispatch;
    if (chat === null) continue;
    perChat.set(chat, [...(perChat.get(chat) ?? []), item]);
  }
  if (perChat.size === 0) {
    deps.logger.warn("reminder refused and no group to fall back to", { card: card.id });
    return;
  }
  const admins = [...effectiveAdmins(await listMembers(deps.db), deps.config.adminOpenIds)];
  for (const [chatId, chatItems] of perChat) {
    const fallback = {
      id: randomUUID(),
      recipient: card.recipient,
      day: card.day,
      chatId,
      itemIds: chatItems.map((i) => i.id),
    };
    const view = await reminderCardView(deps, fallback, chatItems, admins);
    try {
      await deps.messenger.postAll(
        [
          {
            target: { kind: "chat", chatId },
            message: { msgType: "interactive", card: view },
            ref: `reminder-group:${fallback.id}`,
          },
        ],
        cardStatements(deps.db, fallback, []),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // this group already has the person's card for the day
    }
  }
}
