// Mention keys are replaced whole: with eleven mentions, `@_user_1` (the bot) must not be found inside
// `@_user_11` (a person), and ten thousand mentions are read in one pass, after the acknowledgement.
import { eq } from "drizzle-orm";
import { afterEach, expect, it } from "vitest";
import { members } from "../db/schema";
import { BOT_OPEN_ID, encryptedDelivery, messageEnvelope } from "./support/events";
import { ADMIN, type Harness, startHarness } from "./support/harness";

let h: Harness;

afterEach(async () => {
  await h.close();
});

function person(n: number) {
  return { openId: `ou_${n}` };
}

/** A group message whose text names mention keys, with the bot as @_user_1 and person n as @_user_<n>. */
function withMentions(text: string, count: number) {
  const mentions: object[] = [
    { key: "@_user_1", id: { open_id: BOT_OPEN_ID, user_id: null, union_id: "on_bot" }, name: "安督" },
  ];
  for (let n = 2; n <= count; n++) {
    const p = person(n);
    mentions.push({
      key: `@_user_${n}`,
      id: { open_id: p.openId, user_id: "u" },
    });
  }
  return messageEnvelope({
    o: { sender: ADMIN },
    createTime: Date.now(),
    messageType: "text",
    content: JSON.stringify({ text }),
    mentions,
    chatType: "group",
  });
}

it("the eleventh mention is the eleventh person, not the bot's key followed by a 1", async () => {
  h = await startHarness();
  await h.deliver(encryptedDelivery(withMentions("@_user_1 /绑定 @_user_11 角色=领导", 11)));
  await h.settle();
  const bound = await h.bot.deps.db
    .select()
    .from(members)
    .where(eq(members.openId, person(11).openId))
    .get();
  expect(bound?.role).toBe("领导");
  expect(
    await h.bot.deps.db
      .select()
      .from(members)
      .where(eq(members.openId, person(1).openId)),
  ).toEqual([]);
});

it("a message with ten thousand mentions is acknowledged and read whole", async () => {
  h = await startHarness();
  const keys = Array.from({ length: 9_999 }, (_, i) => `@_user_${i + 2}`).join(" ");
  const response = await h.deliver(
    encryptedDelivery(withMentions(`@_user_1 /绑定 @_user_10000 角色=领导 ${keys}`, 10_000)),
  );
  expect(response.status).toBe(200);
  await h.settle();
  // Every mention became a person's open_id (none was taken for the bot's), and the line is refused by its
  // length with a card that says so; nothing is written.
  const reply = h.fake.messages.find((m) => m.kind === "reply");
  expect(reply?.msg_type).toBe("interactive");
  expect(JSON.stringify(reply?.content)).toMatch(/这条命令有 \d+ 字，太长了/);
  expect(await h.bot.deps.db.select().from(members)).toEqual([]);
});
