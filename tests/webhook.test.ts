// The webhook through its real door: signed, encrypted deliveries into the Hono app, replies through the real
// SDK into the fake Open API, dedupe and the outbox in a real LibSQL file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliveries, outbox } from "../db/schema";
import {
  botAddedPayload,
  ENCRYPT_KEY,
  encryptedDelivery,
  GROUP_CHAT,
  messagePayload,
  plainDelivery,
  sign,
  VERIFICATION_TOKEN,
  vectors,
} from "./support/events";
import { ADMIN, type Harness, startHarness } from "./support/harness";

let h: Harness;

afterEach(async () => {
  // Every card the bot sent passed the fake's card rules.
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

/** 2023-06-17: when the shared vectors were made (older than the replay window on the real clock). */
const VECTORS_CREATED = 1686967200000;

function vector(name: string) {
  const v = vectors.vectors.find((x) => x.name === name)!;
  return {
    headers: { "content-type": "application/json", ...v.headers } as Record<string, string>,
    body: v.body,
  };
}

describe("url_verification", () => {
  it("answers the encrypted challenge from the shared vector", async () => {
    h = await startHarness();
    const response = await h.deliver(vector("url_verification"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: "ajls384kdjx98XX" });
  });

  it("answers a plain challenge when only a Verification Token is set", async () => {
    h = await startHarness({ env: { FEISHU_ENCRYPT_KEY: "" } });
    const response = await h.deliver(
      plainDelivery({ type: "url_verification", challenge: "plain-1", token: VERIFICATION_TOKEN }),
    );
    expect(await response.json()).toEqual({ challenge: "plain-1" });
  });

  it("refuses a plain challenge with the wrong token", async () => {
    h = await startHarness({ env: { FEISHU_ENCRYPT_KEY: "" } });
    const response = await h.deliver(
      plainDelivery({ type: "url_verification", challenge: "x", token: "bad" }),
    );
    expect(response.status).toBe(401);
  });
});

describe("refusals change nothing", () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  async function nothingHappened() {
    await h.settle();
    expect(await h.bot.deps.db.select().from(deliveries)).toEqual([]);
    expect(await h.bot.deps.db.select().from(outbox)).toEqual([]);
    expect(h.fake.messages).toEqual([]);
  }

  it("401 on a bad signature", async () => {
    const d = encryptedDelivery(messagePayload("/帮助"));
    d.headers["x-lark-signature"] = "0".repeat(64);
    expect((await h.deliver(d)).status).toBe(401);
    await nothingHappened();
  });

  it("401 on a bad verification token inside a correctly signed body", async () => {
    expect((await h.deliver(encryptedDelivery(messagePayload("/帮助", { token: "forged" })))).status).toBe(
      401,
    );
    await nothingHappened();
  });

  it("401 on the card-callback route too", async () => {
    const d = encryptedDelivery(messagePayload("/帮助"));
    d.headers["x-lark-request-nonce"] = "changed";
    expect((await h.deliver(d, "/feishu/cards")).status).toBe(401);
    await nothingHappened();
  });

  it("413 on a body over 1 MiB, before anything reads it", async () => {
    const d = { headers: { "content-type": "application/json" }, body: `{"x":"${"a".repeat(1024 * 1024)}"}` };
    expect((await h.deliver(d)).status).toBe(413);
    await nothingHappened();
  });

  it("413 on a chunked body over 1 MiB (no declared length), stopped while reading", async () => {
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await h.app.request("/feishu/events", {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(20);
    await nothingHappened();
  });

  it("413 on a declared length over 1 MiB, before the body is read", async () => {
    const d = encryptedDelivery(messagePayload("/帮助"));
    d.headers["content-length"] = String(2 * 1024 * 1024);
    expect((await h.deliver(d)).status).toBe(413);
    await nothingHappened();
  });

  it("400 on malformed JSON, correctly signed (unsigned, it is refused before it is read: 401)", async () => {
    const d = encryptedDelivery({});
    d.body = "{oops";
    d.headers["x-lark-signature"] = sign(
      d.headers["x-lark-request-timestamp"]!,
      d.headers["x-lark-request-nonce"]!,
      ENCRYPT_KEY,
      d.body,
    );
    expect((await h.deliver(d)).status).toBe(400);
    await nothingHappened();
  });
});

describe("no keys configured", () => {
  it("refuses every request, signed or not", async () => {
    h = await startHarness({ env: { FEISHU_ENCRYPT_KEY: "", FEISHU_VERIFICATION_TOKEN: "" } });
    expect((await h.deliver(vector("im.message.receive_v1"))).status).toBe(401);
    expect((await h.deliver(vector("url_verification"))).status).toBe(401);
    expect(
      (
        await h.deliver(
          plainDelivery({ type: "url_verification", challenge: "x", token: VERIFICATION_TOKEN }),
        )
      ).status,
    ).toBe(401);
    await h.settle();
    expect(h.fake.messages).toEqual([]);
  });
});

describe("messages", () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it("the shared vector's message is accepted and answered once with a reply", async () => {
    await h.close();
    h = await startHarness({ now: () => VECTORS_CREATED + 60_000 });
    const response = await h.deliver(vector("im.message.receive_v1"));
    expect(response.status).toBe(200);
    await h.settle();
    expect(h.fake.messages).toHaveLength(1);
    expect(h.fake.messages[0]).toMatchObject({
      kind: "reply",
      reply_to: "om_5ce6d572455d361153b7cb51da133945",
    });
  });

  it("@bot /帮助 gets the help card as a reply, listing every registered command", async () => {
    const response = await h.ask("/帮助", { messageId: "om_help_1" });
    expect(response.status).toBe(200);
    expect(h.fake.messages).toHaveLength(1);
    const [reply] = h.fake.messages;
    expect(reply).toMatchObject({ kind: "reply", reply_to: "om_help_1", msg_type: "interactive" });
    const card = reply!.content as {
      header: { title: { content: string } };
      body: { elements: { content?: string }[] };
    };
    expect(card.header.title.content).toBe("安督能做什么");
    const { commands } = await import("../commands");
    const text = card.body.elements.map((e) => e.content ?? "").join("\n");
    for (const c of commands) expect(text).toContain(`/${c.name}`);
  });

  it("a redelivery with the same event_id does its work once", async () => {
    const d = encryptedDelivery(messagePayload("/帮助", { sender: ADMIN }));
    expect((await h.deliver(d)).status).toBe(200);
    expect((await h.deliver(d)).status).toBe(200);
    await h.settle();
    expect(h.fake.messages).toHaveLength(1);
  });

  it("the same message_id under a new event_id does its work once", async () => {
    await h.say("/帮助", { messageId: "om_same", eventId: "ev_one" });
    await h.say("/帮助", { messageId: "om_same", eventId: "ev_two" });
    await h.settle();
    expect(h.fake.messages).toHaveLength(1);
  });

  it("acknowledges at once while the Open API holds the reply for 4 s", async () => {
    h.fake.holdNext(4000, /\/reply$/);
    const started = performance.now();
    const response = await h.say("/帮助");
    const ackMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(ackMs).toBeLessThan(1000);
    expect(h.fake.messages).toHaveLength(0);
    await h.settle();
    expect(h.fake.messages).toHaveLength(1);
  }, 15_000);

  it("a reply still arrives after the Open API fails twice with 500, once, with the outbox id as uuid", async () => {
    h.fake.failNext(2, { status: 500, match: /\/reply$/ });
    await h.ask("/帮助");
    expect(h.fake.messages).toHaveLength(1);
    const rows = await h.bot.deps.db.select().from(outbox);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "sent", attempts: 3 });
    expect(h.fake.messages[0]!.uuid).toBe(rows[0]!.id);
  });

  it("a reply Feishu cannot take now stays in the outbox and goes out on the next flush, never twice", async () => {
    h.fake.failNext(4, { status: 503, match: /\/reply$/ });
    await h.ask("/帮助");
    expect(h.fake.messages).toHaveLength(0);
    const [pending] = await h.bot.deps.db.select().from(outbox);
    expect(pending).toMatchObject({ status: "pending", attempts: 4 });
    expect(pending!.lastError).toContain("503");
    // The retry is scheduled for later: an early flush sends nothing.
    expect(await h.bot.deps.messenger.flush()).toBe(0);
    const { eq } = await import("drizzle-orm");
    await h.bot.deps.db.update(outbox).set({ nextAttemptAt: 0 }).where(eq(outbox.id, pending!.id));
    expect(await h.bot.deps.messenger.flush()).toBe(1);
    expect(await h.bot.deps.messenger.flush()).toBe(0);
    expect(h.fake.messages).toHaveLength(1);
    expect(h.fake.messages[0]!.uuid).toBe(pending!.id);
  });

  it("a call Feishu never answers times out and is retried with the same uuid: shown once", async () => {
    await h.close();
    h = await startHarness({ feishuTimeoutMs: 300 });
    h.fake.holdNext(2000, /\/reply$/);
    await h.ask("/帮助");
    const [row] = await h.bot.deps.db.select().from(outbox);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    // The held call reached Feishu, the retry carried the same uuid: one message in the chat.
    expect(h.fake.requests.filter((r) => r.path.endsWith("/reply"))).toHaveLength(2);
    expect(h.fake.messages).toHaveLength(1);
  }, 15_000);

  it("a refusal that is not worth retrying is recorded, not looped", async () => {
    h.fake.failNext(1, { status: 400, code: 230002, msg: "bot not in chat", match: /\/reply$/ });
    await h.ask("/帮助");
    const [row] = await h.bot.deps.db.select().from(outbox);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row!.lastError).toContain("230002");
    expect(h.fake.requests.filter((r) => r.path.endsWith("/reply"))).toHaveLength(1);
  });

  it("an expired tenant token is dropped and the reply goes out with a fresh one", async () => {
    const tokenRequests = () =>
      h.fake.requests.filter((r) => r.path.endsWith("/tenant_access_token/internal")).length;
    await h.ask("/帮助");
    const before = tokenRequests();
    h.fake.expireTokens();
    await h.ask("/帮助");
    expect(h.fake.messages).toHaveLength(2);
    expect(tokenRequests()).toBe(before + 1);
  });

  it("an unknown command gets a card naming the commands there are; nothing else is written", async () => {
    await h.ask("/天气 明天");
    const card = h.fake.messages[0]!.content as {
      header: { title: { content: string } };
      body: { elements: { content: string }[] };
    };
    expect(card.header.title.content).toBe("没有这条命令");
    expect(card.body.elements[0]!.content).toContain("/帮助");
  });

  it("an unclosed quote gets a card that says so and shows the right form", async () => {
    await h.ask("/帮助 「隐患");
    const card = h.fake.messages[0]!.content as { body: { elements: { content: string }[] } };
    const text = card.body.elements.map((e) => e.content).join("\n");
    expect(text).toContain("引号没有闭合");
    expect(text).toContain("/帮助 [命令]");
  });

  it("a mention without a command gets a hint, not silence", async () => {
    await h.ask("你好");
    expect(h.fake.messages[0]).toMatchObject({ msg_type: "text" });
    expect((h.fake.messages[0]!.content as { text: string }).text).toContain("/帮助");
  });

  it("a private chat is answered too", async () => {
    await h.ask("/帮助", { chatType: "p2p", chatId: "oc_p2p_1" });
    expect(h.fake.messages).toHaveLength(1);
  });

  it("the bot added to a group posts the welcome card to it, once per delivery", async () => {
    const d = encryptedDelivery(botAddedPayload("oc_new_group", "ev_added"));
    await h.deliver(d);
    await h.deliver(d);
    await h.settle();
    expect(h.fake.messages).toHaveLength(1);
    expect(h.fake.messages[0]).toMatchObject({
      kind: "create",
      receive_id: "oc_new_group",
      receive_id_type: "chat_id",
    });
  });
});

describe("card actions", () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it("the shared vector's form submit is verified and answered within the request", async () => {
    await h.close();
    h = await startHarness({ now: () => VECTORS_CREATED + 120_000 });
    const response = await h.deliver(vector("card.action.trigger"), "/feishu/cards");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { toast?: { type: string } };
    expect(body.toast?.type).toMatch(/warning|success/);
  });

  it("a button nobody owns answers with a warning toast", async () => {
    const answer = await h.click({ action: "no.such.action" });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      toast: { type: "warning", content: "这张卡片的按钮已失效，请重新发送命令。" },
    });
  });

  it("a redelivered card action is acknowledged and does nothing", async () => {
    const d = encryptedDelivery({
      schema: "2.0",
      header: {
        event_id: "ev_card_dup",
        event_type: "card.action.trigger",
        token: VERIFICATION_TOKEN,
        create_time: String(Date.now()),
      },
      event: { operator: { open_id: ADMIN }, action: { value: { action: "no.such.action" } }, context: {} },
    });
    const first = await h.deliver(d, "/feishu/cards");
    const second = await h.deliver(d, "/feishu/cards");
    expect(await first.json()).toHaveProperty("toast");
    expect(await second.json()).toEqual({});
  });
});

describe("local mode", () => {
  it("keeps every message in the outbox and logs one line without the body", async () => {
    h = await startHarness({ local: true });
    await h.ask("/帮助");
    expect(h.fake.requests).toEqual([]);
    const rows = await h.bot.deps.db.select().from(outbox);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "local", kind: "reply", msgType: "interactive" });
    const lines = h.logs.filter((l) => l.includes("outbox (local mode)"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("安督能做什么");
  });
});

describe("health", () => {
  it("/healthz answers ok while the database answers", async () => {
    h = await startHarness();
    const response = await h.app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, mode: "feishu" });
    expect(GROUP_CHAT).toMatch(/^oc_/);
  });
});

describe("group messages not meant for the bot", () => {
  it("a group message without the bot's @mention gets no answer, command or not", async () => {
    h = await startHarness();
    const unaddressed = (text: string) => {
      const payload = messagePayload(text);
      const message = payload.event.message;
      message.mentions = [];
      message.content = JSON.stringify({ text });
      return encryptedDelivery(payload);
    };
    expect((await h.deliver(unaddressed("/帮助"))).status).toBe(200);
    expect((await h.deliver(unaddressed("大家好"))).status).toBe(200);
    await h.settle();
    expect(h.fake.messages).toEqual([]);
  });
});

describe("a card Feishu would refuse", () => {
  it("is kept as failed in the outbox, never sent, and the person gets a short text instead", async () => {
    h = await startHarness();
    const { md, card } = await import("../cards/fragments");
    const huge = card("企业名录", "blue", [md("字".repeat(12_000))]);
    await h.bot.deps.messenger.post(
      { kind: "chat", chatId: GROUP_CHAT },
      { msgType: "interactive", card: huge },
    );
    const rows = await h.bot.deps.db.select().from(outbox);
    expect(rows.map((r) => [r.msgType, r.status])).toEqual([
      ["interactive", "failed"],
      ["text", "sent"],
    ]);
    expect(rows[0]!.lastError).toContain("230025");
    expect(h.fake.messages).toHaveLength(1);
    expect((h.fake.messages[0]!.content as { text: string }).text).toContain("这张卡片内容太多，没能显示");
  });
});
