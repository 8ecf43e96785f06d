// After an Open API outage, what waited goes out within a minute of recovery, once each and in order per chat:
// 42 replies over 21 chats, outages of 20 s and of 5 minutes. Time is fast-forwarded (the outbox's clock and
// its sleeps), the flush runs every 5 s as the Node service's timer runs it; the sends are real, to the fake.

import { afterEach, describe, expect, it } from "vitest";
import { outbox } from "../db/schema";
import { GROUP_CHAT } from "./support/events";
import { type Harness, startHarness } from "./support/harness";

const FLUSH_EVERY_MS = 5_000;
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function outage(durationMs: number) {
  let clock = Date.now();
  h = await startHarness({
    sendClock: {
      now: () => clock,
      sleep: async (ms) => {
        clock += Math.max(0, ms);
      },
    },
  });
  const harness = h;
  const chats = Array.from(
    { length: 21 },
    (_, i) => `${GROUP_CHAT.slice(0, -2)}${String(i).padStart(2, "0")}`,
  );
  const asked: { chat: string; messageId: string }[] = [];

  const start = clock;
  const end = harness.fake.outage({ status: 503, msg: "service unavailable" });
  // Two commands in each chat while Feishu is down, the second after the first.
  for (const round of [0, 1]) {
    for (const chat of chats) {
      const messageId = `om_out${round}${chat.slice(-2)}`;
      asked.push({ chat, messageId });
      await harness.say(round === 0 ? "/帮助" : "/帮助 隐患", { chatId: chat, messageId });
    }
  }
  await harness.settle();
  expect(harness.fake.messages).toHaveLength(0);

  // The outage goes on; the service's timer flushes every 5 s.
  while (clock < start + durationMs) {
    clock += FLUSH_EVERY_MS;
    await harness.bot.deps.messenger.flush();
    await harness.settle();
  }
  expect(harness.fake.messages).toHaveLength(0);
  end();
  const recovered = clock;
  while (harness.fake.messages.length < asked.length && clock < recovered + 120_000) {
    clock += FLUSH_EVERY_MS;
    await harness.bot.deps.messenger.flush();
    await harness.settle();
  }

  const rows = await harness.bot.deps.db.select().from(outbox);
  const lastSent = Math.max(...rows.map((r) => r.sentAt ?? Number.POSITIVE_INFINITY));
  return {
    asked,
    recovered,
    lastSent,
    rows,
    messages: harness.fake.messages,
    requests: harness.fake.requests,
  };
}

function expectEachOnceInOrder(r: Awaited<ReturnType<typeof outage>>) {
  expect(r.rows.every((row) => row.status === "sent")).toBe(true);
  expect(r.messages).toHaveLength(r.asked.length);
  for (const { messageId } of r.asked) {
    expect(r.messages.filter((m) => m.reply_to === messageId)).toHaveLength(1);
    // Every try of one reply carried the same uuid.
    const uuids = r.requests
      .filter((q) => q.path === `/open-apis/im/v1/messages/${messageId}/reply`)
      .map((q) => (q.body as { uuid?: string }).uuid);
    expect(new Set(uuids).size).toBe(1);
  }
  // In each chat the first command's answer comes before the second's.
  const order = r.messages.map((m) => m.reply_to);
  for (const chat of new Set(r.asked.map((a) => a.chat))) {
    const [first, second] = r.asked.filter((a) => a.chat === chat);
    expect(order.indexOf(first!.messageId)).toBeLessThan(order.indexOf(second!.messageId));
  }
}

describe("after an Open API outage", () => {
  it("of 20 s, every waiting reply goes out once, in order, within a minute of recovery", async () => {
    const r = await outage(20_000);
    expectEachOnceInOrder(r);
    expect(r.lastSent - r.recovered).toBeLessThanOrEqual(60_000);
  }, 60_000);

  it("of 5 minutes, the same: the backoff never grows past a minute", async () => {
    const r = await outage(5 * 60_000);
    expectEachOnceInOrder(r);
    expect(r.lastSent - r.recovered).toBeLessThanOrEqual(60_000);
    // While it was down, each waiting reply was tried again at least every minute or so, not hourly.
    const tries = r.requests.filter((q) => q.path.endsWith(`/${r.asked[0]!.messageId}/reply`)).length;
    expect(tries).toBeGreaterThan(5);
  }, 60_000);
});
