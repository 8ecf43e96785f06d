// A reminder card as it stands now: its items with their acknowledgements, read from the store. The job sends
// it, and every 已知悉 press answers with it, so an old card always shows the current state.
import { reminderCard } from "../../cards/reminder";
import type { Card } from "../../cards/types";
import type { Deps } from "../../src/bot/deps";
import { dateTimeIn } from "../../src/domain/time";
import { memberNames } from "../../src/store/hazard-audience";
import {
  cardItemIds,
  itemsByIds,
  type ReminderCardRow,
  type ReminderItemRow,
} from "../../src/store/reminders";

/** Group escalations are addressed to `chat:<chat_id>`: the admins there answer for them. */
export const GROUP_RECIPIENT_PREFIX = "chat:";

export function isGroupRecipient(recipient: string): boolean {
  return recipient.startsWith(GROUP_RECIPIENT_PREFIX);
}

export async function reminderCardView(
  deps: Pick<Deps, "db" | "config">,
  card: Pick<ReminderCardRow, "id" | "recipient" | "day" | "chatId">,
  items: ReminderItemRow[],
  admins: readonly string[],
): Promise<Card> {
  const names = await memberNames(deps.db, [card.recipient, ...items.map((i) => i.ackedBy ?? "")]);
  return reminderCard({
    cardId: card.id,
    day: card.day,
    to: isGroupRecipient(card.recipient)
      ? { kind: "group", admins: [...admins] }
      : {
          kind: "person",
          openId: card.recipient,
          name: names.get(card.recipient) ?? null,
          mention: card.chatId !== null,
        },
    items: items.map((i) => ({
      id: i.id,
      number: i.label,
      enterpriseName: i.enterpriseName ?? "",
      line: i.line,
      stage: i.stage,
      acked:
        i.ackedAt === null || i.ackedBy === null
          ? null
          : {
              byName: names.get(i.ackedBy) ?? i.ackedBy,
              at: dateTimeIn(i.ackedAt, deps.config.timezone),
              onBehalf: !isGroupRecipient(i.recipient) && i.ackedBy !== i.recipient,
            },
    })),
  });
}

/** The card a stored reminder card shows now. */
export async function currentReminderCard(
  deps: Pick<Deps, "db" | "config">,
  card: ReminderCardRow,
  admins: readonly string[],
): Promise<{ card: Card; items: ReminderItemRow[] }> {
  const items = await itemsByIds(deps.db, cardItemIds(card));
  return { card: await reminderCardView(deps, card, items, admins), items };
}
