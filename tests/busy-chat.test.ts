// A chat with more answers waiting for Feishu's 5-a-second limit than the outbox's lease covers: every answer is
// sent once. Asked 320 times in one chat, the last answers wait over a minute for their turn; the service's
// 5-second tick must not take them as abandoned and send them again. Time is fast-forwarded (the outbox's clock
// and its sleeps); the commands go through HTTP, the answers to the fake Open API.
import { afterEach, describe, expect, it } from "vitest";
import { outbox } from "../db/schema";
import { GROUP_CHAT } from "./support/events";
import { type Harness, startHarness } from "./support/harness";

const COMMANDS = 320;
const TICK_EVERY_MS = 5_000;
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A clock the test moves: a sleep ends when the test has moved the clock past its end. */
function manualClock() {
  let now = Date.now();
  const sleepers: { until: number; wake: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        sleepers.push({ until: now + Math.max(0, ms), wake });
      }),
    sleeping: () => sleepers.length,
    advance(ms: number) {
      now += ms;
      for (const s of sleepers.filter((x) => x.until <= now)) {
        sleepers.splice(sleepers.indexOf(s), 1);
        s.wake();
      }
    },
  };
}

const turn = () => new Promise((r) => setTimeout(r, 2));

describe("a chat with a minute's worth of answers waiting", () => {
  it("sends each answer once, though its turn comes after the outbox's lease would have run out", async () => {
    const clock = manualClock();
    h = await startHarness({ sendClock: { now: clock.now, sleep: clock.sleep } });
    const harness = h;
    const messenger = harness.bot.deps.messenger;
    // As the service does at start: nothing waits in the outbox, so new answers go out directly.
    await messenger.flush();

    const asked = Array.from({ length: COMMANDS }, (_, i) => `om_busy${String(i).padStart(4, "0")}`);
    for (const messageId of asked) {
      const response = await harness.say("/帮助", { chatId: GROUP_CHAT, messageId });
      expect(response.status).toBe(200);
    }
    // Every answer is stored and waits for its turn (5 go at once, the rest sleep).
    for (let waited = 0; clock.sleeping() < COMMANDS - 5 && waited < 60_000; waited += 2) await turn();
    expect(clock.sleeping()).toBeGreaterThanOrEqual(COMMANDS - 5);

    // Time runs; the service's tick flushes the outbox every 5 s.
    const started = clock.now();
    let nextTick = started + TICK_EVERY_MS;
    while (harness.fake.messages.length < COMMANDS && clock.now() < started + 3 * 60_000) {
      clock.advance(100);
      if (clock.now() >= nextTick) {
        nextTick += TICK_EVERY_MS;
        harness.bot.work.run(() => messenger.flush());
      }
      await turn();
    }
    // Let what the last tick started finish, moving time for any send still waiting its turn.
    for (let i = 0; i < 200 && clock.sleeping() > 0; i++) {
      clock.advance(1_000);
      await turn();
    }
    await harness.settle();

    for (const messageId of asked) {
      expect(harness.fake.messages.filter((m) => m.reply_to === messageId)).toHaveLength(1);
    }
    const requests = harness.fake.requests.filter((q) => q.path.endsWith("/reply"));
    const uuids = requests.map((q) => (q.body as { uuid?: string }).uuid);
    // Each answer went to Feishu once: none sent again by a tick while it waited for its turn.
    expect(new Set(uuids).size).toBe(COMMANDS);
    expect(requests).toHaveLength(COMMANDS);
    const rows = await harness.bot.deps.db.select().from(outbox);
    expect(rows.filter((r) => r.kind === "reply" && r.status === "sent")).toHaveLength(COMMANDS);
    // Feishu's limit held: 320 answers to one group take at least 63 s at 5 a second.
    const sentAt = rows.map((r) => r.sentAt ?? 0).sort((a, b) => a - b);
    expect(sentAt.at(-1)! - sentAt[0]!).toBeGreaterThanOrEqual(63_000);
  }, 180_000);
});
