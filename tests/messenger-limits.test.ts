// The messenger keeps within Feishu's limits: 5 sends a second to one person as well as to one group, and no
// update of a card older than 14 days (Feishu no longer patches it; the newer card the bot sent stands).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { welcomeCard } from "../cards/welcome";
import { Messenger } from "../src/feishu/messenger";
import { memoryLogger } from "../src/logger";
import { type Harness, startHarness } from "./support/harness";

const DAY = 24 * 3_600_000;

let h: Harness;
let now: number;
let slept: number[];

/** A messenger over the harness's database and Open API client, on a clock the test moves. */
function messenger(logger = memoryLogger()) {
  return new Messenger({
    db: h.bot.deps.db,
    lark: h.bot.lark,
    logger,
    now: () => now,
    policy: {
      attempts: 2,
      baseDelayMs: 1,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    },
  });
}

beforeEach(async () => {
  h = await startHarness();
  // A minute ahead of the wall clock: rows are due from their insertion (the database's clock).
  now = Date.now() + 60_000;
  slept = [];
});

afterEach(async () => {
  await h.close();
});

describe("5 a second", () => {
  it("holds the sixth send to one person for the rest of the second; other people are not held", async () => {
    const m = messenger();
    for (let i = 1; i <= 5; i++)
      await m.post({ kind: "user", openId: `ou_other${i}` }, { msgType: "text", text: "x" });
    for (let i = 1; i <= 5; i++)
      await m.post({ kind: "user", openId: "ou_one" }, { msgType: "text", text: `${i}` });
    expect(slept).toEqual([]);
    await m.post({ kind: "user", openId: "ou_one" }, { msgType: "text", text: "6" });
    expect(slept).toEqual([1000]);
    expect(h.fake.messages.filter((msg) => msg.receive_id === "ou_one")).toHaveLength(6);
  });

  it("counts a person and a group apart", async () => {
    const m = messenger();
    for (let i = 0; i < 5; i++)
      await m.post({ kind: "user", openId: "ou_one" }, { msgType: "text", text: "u" });
    for (let i = 0; i < 5; i++)
      await m.post({ kind: "chat", chatId: "oc_group" }, { msgType: "text", text: "g" });
    expect(slept).toEqual([]);
    await m.post({ kind: "chat", chatId: "oc_group" }, { msgType: "text", text: "g6" });
    expect(slept).toEqual([1000]);
  });
});

describe("cards older than 14 days", () => {
  it("are not patched, and the refusal is logged once; a younger card is patched", async () => {
    const logger = memoryLogger();
    const m = messenger(logger);
    const old = await m.post(
      { kind: "chat", chatId: "oc_group" },
      { msgType: "interactive", card: welcomeCard() },
    );
    const young = await m.post(
      { kind: "chat", chatId: "oc_group" },
      { msgType: "interactive", card: welcomeCard() },
    );
    expect(h.fake.messages).toHaveLength(2);

    now += 13 * DAY;
    const patched = await m.post(
      { kind: "patch", messageId: young.messageId! },
      { msgType: "interactive", card: welcomeCard() },
    );
    expect(patched.status).toBe("sent");
    expect(h.fake.messages.map((msg) => msg.kind)).toEqual(["create", "create", "patch"]);

    now += 1 * DAY;
    const stale = await m.post(
      { kind: "patch", messageId: old.messageId! },
      { msgType: "interactive", card: welcomeCard() },
    );
    expect(stale.status).toBe("failed");
    await m.flush();
    now += 3_600_000;
    await m.flush();
    expect(h.fake.messages).toHaveLength(3);
    expect(h.fake.requests.filter((r) => r.method === "PATCH" && r.path.endsWith(old.messageId!))).toEqual(
      [],
    );
    expect(logger.lines.filter((l) => l.includes("older than 14 days"))).toHaveLength(1);
  });
});
