// Unfinished events are resumed under a lease: not while their claimer's lease runs, once when it has run out,
// by one instance only when two share the database; chatter is only a dedupe key and never resumed.
import { eq, isNotNull } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { deliveries, hazards, units } from "../db/schema";
import { createApp } from "../src/app";
import { EVENT_LEASE_MS } from "../src/bot/create-deps";
import { resumeDeliveries } from "../src/bot/durable-events";
import { memoryLogger } from "../src/logger";
import { type Bot, bootBot } from "../src/node/boot";
import { encryptedDelivery, messageEnvelope, messagePayload } from "./support/events";
import { ADMIN, type Harness, startHarness } from "./support/harness";
import { newHazardLine } from "./support/ledger";

let h: Harness;
const others: Bot[] = [];

afterEach(async () => {
  for (const bot of others.splice(0)) await bot.close();
  await h.close();
});

/** Another instance on the same database, its clock `now`. */
async function instance(name: string, now: () => number): Promise<Bot> {
  const bot = await bootBot(h.bot.deps.config, {
    logger: memoryLogger(),
    now,
    instance: name,
    retry: { baseDelayMs: 10 },
  });
  others.push(bot);
  return bot;
}

/** Delivers to an app whose work after the acknowledgement never starts: a process that died right after. */
async function acknowledgeAndDie(texts: string[]): Promise<string[]> {
  const dead = createApp({ ...h.bot.deps, background: () => {}, eventWork: () => {} });
  const ids: string[] = [];
  for (const [i, text] of texts.entries()) {
    const messageId = `om_lease${i}`;
    ids.push(messageId);
    const payload = encryptedDelivery(messagePayload(text, { sender: ADMIN, messageId }));
    const response = await dead.request("/feishu/events", {
      method: "POST",
      headers: payload.headers,
      body: payload.body,
    });
    expect(response.status).toBe(200);
  }
  return ids;
}

describe("resuming unfinished events", () => {
  it("waits for the lease, then two instances resume each event once", async () => {
    h = await startHarness();
    const ids = await acknowledgeAndDie(
      [1, 2, 3, 4, 5, 6].map((i) => `/单位 新增 名称=租约村${i} 类型=村居`),
    );
    const unitsBefore = (await h.bot.deps.db.select().from(units)).length;

    const start = Date.now();
    const early = await instance("early", () => start + 1000);
    expect(await resumeDeliveries(early.deps)).toBe(0);

    const later = () => Date.now() + EVENT_LEASE_MS + 1000;
    const [b, c] = [await instance("b", later), await instance("c", later)];
    const [byB, byC] = await Promise.all([resumeDeliveries(b.deps), resumeDeliveries(c.deps)]);
    expect(byB + byC).toBe(6);

    expect((await h.bot.deps.db.select().from(units)).length).toBe(unitsBefore + 6);
    for (const id of ids) {
      // Each resumed once: one reply request per message, not one shown of several sent.
      const sent = h.fake.requests.filter((r) => r.path === `/open-apis/im/v1/messages/${id}/reply`);
      expect(sent).toHaveLength(1);
    }
    const left = await h.bot.deps.db.select().from(deliveries).where(isNotNull(deliveries.payload));
    expect(left).toEqual([]);
    expect(await resumeDeliveries(b.deps)).toBe(0);
  });

  it("does the work of an event that waited in the lane past its lease once, though it was resumed elsewhere meanwhile", async () => {
    let clock = Date.now();
    h = await startHarness({ now: () => clock });
    // A lane still full when these are claimed: their work waits, as under a burst of commands.
    const held: (() => Promise<unknown>)[] = [];
    const app = createApp({ ...h.bot.deps, eventWork: (work) => held.push(work) });
    for (const i of [0, 1]) {
      const d = encryptedDelivery(
        messagePayload(newHazardLine({ description: `久等的隐患${i}` }), {
          sender: ADMIN,
          messageId: `om_wait${i}`,
        }),
      );
      expect(
        (await app.request("/feishu/events", { method: "POST", headers: d.headers, body: d.body })).status,
      ).toBe(200);
    }
    expect(held).toHaveLength(2);
    const replies = (id: string) =>
      h.fake.requests.filter((r) => r.path === `/open-apis/im/v1/messages/${id}/reply`).length;

    // The first one's turn comes within its lease.
    clock += EVENT_LEASE_MS * 0.75;
    await held[0]!();
    await h.settle();
    expect(replies("om_wait0")).toBe(1);

    // The second waited past its lease: another instance resumed it meanwhile. Its turn here comes after, and the
    // writes and the answer, keyed by the delivery, are not made twice.
    clock += EVENT_LEASE_MS;
    const other = await instance("other", () => clock);
    expect(await resumeDeliveries(other.deps)).toBe(1);
    await other.work.idle();
    await held[1]!();
    await h.settle();
    expect(replies("om_wait1")).toBe(1);
    const logged = (await h.bot.deps.db.select().from(hazards)).map((x) => x.description);
    expect(logged.sort()).toEqual(["久等的隐患0", "久等的隐患1"]);
    expect(await h.bot.deps.db.select().from(deliveries).where(isNotNull(deliveries.payload))).toEqual([]);
  });

  it("keeps a command's payload until its work is done, and none for chatter", async () => {
    h = await startHarness();
    const dead = createApp({ ...h.bot.deps, background: () => {}, eventWork: () => {} });
    const chatter = messageEnvelope({
      o: { eventId: "ev_chatter", messageId: "om_chatter" },
      createTime: Date.now(),
      messageType: "text",
      content: JSON.stringify({ text: "今天下午开会" }),
      mentions: [],
      chatType: "group",
    });
    const command = messagePayload("/帮助", { sender: ADMIN, eventId: "ev_command" });
    for (const payload of [chatter, command]) {
      const d = encryptedDelivery(payload);
      expect(
        (await dead.request("/feishu/events", { method: "POST", headers: d.headers, body: d.body })).status,
      ).toBe(200);
    }
    const row = async (key: string) =>
      h.bot.deps.db.select().from(deliveries).where(eq(deliveries.key, key)).get();
    // Chatter is remembered after the acknowledgement: a process that died there forgot it, with nothing to resume.
    expect(await row("event:ev_chatter")).toBeUndefined();
    expect(JSON.parse((await row("event:ev_command"))?.payload ?? "{}")).toMatchObject({
      type: "message",
      text: "/帮助",
    });

    // The same instance restarted takes its own unfinished events back at once, lease or not.
    const again = await bootBot(h.bot.deps.config, {
      logger: memoryLogger(),
      instance: h.bot.deps.deliveries.options.owner,
    });
    others.push(again);
    expect(await resumeDeliveries(again.deps, { atStart: true })).toBe(1);
    expect((await row("event:ev_command"))?.payload).toBeNull();
    expect(h.fake.messages.filter((m) => m.kind === "reply")).toHaveLength(1);

    // A live process remembers chatter as seen, a key without a payload: nothing to resume.
    await h.deliver(encryptedDelivery(chatter));
    await h.settle();
    const seen = await row("event:ev_chatter");
    expect(seen?.payload).toBeNull();
    expect(seen?.leaseOwner).toBeNull();
    expect(await resumeDeliveries(again.deps, { atStart: true })).toBe(0);
  });
});
