// Test helpers for the reminders: a bot whose clock the test moves day by day, the scheduler's tick at 08:30
// each day (every registered job, as production runs them), and the reminder cards it sent, read as people read them.
import { asc } from "drizzle-orm";
import { renderCardText } from "../../cards/text";
import type { Card } from "../../cards/types";
import { reminderCards, reminderItems } from "../../db/schema";
import { addDays } from "../../src/domain/time";
import { officialCalendar } from "../../src/domain/workdays";
import { jobs } from "../../src/jobs";
import { type JobOutcome, tick } from "../../src/jobs/tick";
import { textOf } from "./exchange";
import type { DeliveredMessage } from "./fake-open-api";
import { type Harness, type HarnessOptions, startHarness } from "./harness";

export const CADRE = "ou_cadre000000000000000000000001";
export const HEAD = "ou_head00000000000000000000000001";
export const LEADER = "ou_leader00000000000000000000001";
export const OTHER = "ou_other00000000000000000000001";

export interface ReminderBot {
  h: Harness;
  /** moves the clock to a local day and time (Asia/Shanghai) */
  at(day: string, time?: string): number;
  /** the scheduler's tick at 08:30 on `day`: the reminders run on a workday, nothing on a day off */
  day(day: string): Promise<DeliveredMessage[]>;
  /** the reminders job's outcome of the last tick */
  lastOutcome(): JobOutcome | undefined;
  /** every day from `from` to `to` inclusive; the messages each day sent */
  days(from: string, to: string): Promise<Map<string, DeliveredMessage[]>>;
}

export async function startReminderBot(o: HarnessOptions = {}): Promise<ReminderBot> {
  let clock = Date.parse("2023-07-03T08:30:00+08:00");
  const h = await startHarness({ now: () => clock, ...o });
  const calendar = officialCalendar();
  const at = (day: string, time = "08:30") => {
    clock = Date.parse(`${day}T${time}:00+08:00`);
    return clock;
  };
  let last: JobOutcome | undefined;
  const day = async (d: string) => {
    const before = h.fake.messages.length;
    last = (await tick(h.bot.deps, jobs, at(d), calendar)).find((o) => o.job === "reminders");
    // The tick logs a failed job and goes on: here a failure must show, and the due rule must hold.
    const expected = calendar.isWorkday(d) ? ["sent", "already-claimed"] : ["not-due"];
    if (!last || !expected.includes(last.status))
      throw new Error(`reminders on ${d}: ${JSON.stringify(last)}\n${h.logs.slice(-5).join("\n")}`);
    await h.settle();
    return h.fake.messages.slice(before);
  };
  return {
    h,
    at,
    day,
    lastOutcome: () => last,
    async days(from, to) {
      const out = new Map<string, DeliveredMessage[]>();
      for (let d = from; d <= to; d = addDays(d, 1)) out.set(d, await day(d));
      return out;
    },
  };
}

export function isReminderCard(m: DeliveredMessage): boolean {
  if (m.msg_type !== "interactive" || m.kind === "patch") return false;
  const title = (m.content as Card).header?.title.content ?? "";
  return title === "安督提醒" || title.startsWith("提醒升级");
}

export function reminderCardsIn(messages: DeliveredMessage[]): DeliveredMessage[] {
  return messages.filter(isReminderCard);
}

/** A card as a person reads it (header, text, buttons), or a text message's text. */
export function textOfCard(m: DeliveredMessage): string {
  return m.msg_type === "interactive" ? renderCardText(m.content as Card) : textOf(m);
}

/** Who each reminder card went to: an open_id (private) or a chat id. */
export function recipientsOf(messages: DeliveredMessage[]): string[] {
  return reminderCardsIn(messages)
    .map((m) => m.receive_id ?? "")
    .sort();
}

/** The 已知悉 buttons' values on a card, in order, and the 全部已知悉 one. */
export function ackButtons(m: DeliveredMessage): {
  items: Record<string, unknown>[];
  all: Record<string, unknown> | null;
} {
  const values: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.tag === "button" && Array.isArray(o.behaviors)) {
        const value = (o.behaviors[0] as { value?: Record<string, unknown> }).value;
        if (value) values.push(value);
      }
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk((m.content as Card).body);
  return {
    items: values.filter((v) => v.action === "reminder.ack"),
    all: values.find((v) => v.action === "reminder.ackAll") ?? null,
  };
}

export async function allItems(h: Harness) {
  return h.bot.deps.db.select().from(reminderItems).orderBy(asc(reminderItems.sentOn), asc(reminderItems.id));
}

export async function allCards(h: Harness) {
  return h.bot.deps.db.select().from(reminderCards).orderBy(asc(reminderCards.day));
}
