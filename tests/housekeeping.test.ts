// The housekeeping a Worker's cron runs (and Node's timer): after an outage the waiting messages go out in
// bounded chunks, so one invocation stays within its time, each message once and each chat in order.
import { afterEach, expect, it } from "vitest";
import { housekeeping } from "../src/bot/housekeeping";
import { GROUP_CHAT } from "./support/events";
import { handClock } from "./support/hand-clock";
import { type Harness, startHarness } from "./support/harness";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it("sends what waits at most sendLimit per run, until all went out once, in order per chat", async () => {
  const clock = handClock();
  const harness = await startHarness({ sendClock: clock.send });
  h = harness;
  const chats = [0, 1, 2].map((i) => `${GROUP_CHAT.slice(0, -2)}${String(i).padStart(2, "0")}`);
  const end = harness.fake.outage({ status: 503, msg: "service unavailable" });
  const asked: string[] = [];
  for (const round of [0, 1, 2]) {
    for (const chat of chats) {
      const messageId = `om_chunk${round}${chat.slice(-2)}`;
      asked.push(messageId);
      await harness.say("/帮助", { chatId: chat, messageId });
    }
  }
  await harness.settle();
  end();

  const perRun: number[] = [];
  while (harness.fake.messages.length < asked.length && perRun.length < 20) {
    clock.at += 60_000; // the next minute's cron: every waiting message is due
    const before = harness.fake.messages.length;
    await housekeeping(harness.bot.deps, { sendLimit: 4 });
    await harness.settle();
    perRun.push(harness.fake.messages.length - before);
  }
  expect(
    perRun.every((n) => n >= 1 && n <= 4),
    `sent per run: ${perRun}`,
  ).toBe(true);
  expect(perRun.length).toBeGreaterThanOrEqual(3);
  const order = harness.fake.messages.map((m) => m.reply_to);
  expect([...order].sort()).toEqual([...asked].sort());
  for (const chat of chats) {
    const mine = order.filter((id) => id?.endsWith(chat.slice(-2)));
    expect(mine).toEqual(asked.filter((id) => id.endsWith(chat.slice(-2))));
  }
}, 60_000);
