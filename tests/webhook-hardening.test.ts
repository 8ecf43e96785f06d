// What a forged or replayed request can do at the webhook: the signature is checked over the raw bytes before
// anything parses them, an unsigned request is only ever a url_verification challenge, and an event older
// than the replay window does nothing even after its dedupe record is gone.
import { afterEach, describe, expect, it } from "vitest";
import { deliveries, hazards, outbox } from "../db/schema";
import { REPLAY_WINDOW_MS } from "../src/bot/receive";
import { pruneDeliveries } from "../src/store/deliveries";
import {
  type Delivery,
  ENCRYPT_KEY,
  encrypt,
  encryptedDelivery,
  messagePayload,
  sign,
  VERIFICATION_TOKEN,
} from "./support/events";
import { ADMIN, type Harness, startHarness } from "./support/harness";
import { NOW, newHazardLine } from "./support/ledger";

let h: Harness;

afterEach(async () => {
  await h.close();
});

async function nothingHappened() {
  await h.settle();
  expect(await h.bot.deps.db.select().from(deliveries)).toEqual([]);
  expect(await h.bot.deps.db.select().from(outbox)).toEqual([]);
  expect(h.fake.messages).toEqual([]);
}

function signed(body: string): Delivery {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = "n0nce";
  return {
    headers: {
      "content-type": "application/json",
      "x-lark-request-timestamp": timestamp,
      "x-lark-request-nonce": nonce,
      "x-lark-signature": sign(timestamp, nonce, ENCRYPT_KEY, body),
    },
    body,
  };
}

describe("the signature comes first", () => {
  it("an unsigned body that is not even JSON is refused as unsigned (401), never parsed", async () => {
    h = await startHarness();
    const response = await h.deliver({ headers: { "content-type": "application/json" }, body: "{oops" });
    expect(response.status).toBe(401);
    await nothingHappened();
  });

  it("a wrong signature over a body that is not JSON is refused as forged (401)", async () => {
    h = await startHarness();
    const d = signed("{oops");
    d.headers["x-lark-signature"] = "0".repeat(64);
    expect((await h.deliver(d)).status).toBe(401);
    expect(h.logs.some((l) => l.includes('reason="bad signature"'))).toBe(true);
    await nothingHappened();
  });

  it("a correctly signed body that is not JSON is a bad request (400)", async () => {
    h = await startHarness();
    expect((await h.deliver(signed("{oops"))).status).toBe(400);
    await nothingHappened();
  });

  it("an unsigned, encrypted message event is refused, though it decrypts with the key", async () => {
    h = await startHarness();
    const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(messagePayload("/帮助")), ENCRYPT_KEY) });
    expect((await h.deliver({ headers: { "content-type": "application/json" }, body })).status).toBe(401);
    await nothingHappened();
  });

  it("an unsigned body larger than any challenge is refused before it is decrypted", async () => {
    h = await startHarness();
    const challenge = { type: "url_verification", challenge: "x".repeat(8000), token: VERIFICATION_TOKEN };
    const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(challenge), ENCRYPT_KEY) });
    expect((await h.deliver({ headers: { "content-type": "application/json" }, body })).status).toBe(401);
    await nothingHappened();
  });

  it("a Verification-Token-only setup is named at start as forgeable", async () => {
    h = await startHarness({ env: { FEISHU_ENCRYPT_KEY: "" } });
    expect(h.logs.some((l) => l.includes("warn") && l.includes("anyone holding the token can forge"))).toBe(
      true,
    );
  });

  it("a setup with an Encrypt Key gives no such warning", async () => {
    h = await startHarness();
    expect(h.logs.some((l) => l.includes("can forge"))).toBe(false);
  });
});

describe("the replay window", () => {
  const DAY = 24 * 3_600_000;

  it("an event created longer ago than the window is acknowledged, logged, and does nothing", async () => {
    h = await startHarness();
    const old = Date.now() - REPLAY_WINDOW_MS - 60_000;
    const response = await h.say("/帮助", { createTime: old });
    expect(response.status).toBe(200);
    await h.settle();
    expect(h.fake.messages).toEqual([]);
    expect(await h.bot.deps.db.select().from(deliveries)).toEqual([]);
    expect(h.logs.some((l) => l.includes("stale event dropped"))).toBe(true);
  });

  it("Feishu's own late redelivery (hours later, signed anew) is still worked on once", async () => {
    h = await startHarness();
    const payload = messagePayload("/帮助", { sender: ADMIN, createTime: Date.now() - 7 * 3_600_000 });
    expect((await h.deliver(encryptedDelivery(payload))).status).toBe(200);
    expect((await h.deliver(encryptedDelivery(payload))).status).toBe(200);
    await h.settle();
    expect(h.fake.messages.filter((m) => m.kind === "reply")).toHaveLength(1);
  });

  it("the same captured bytes replayed after the dedupe records are pruned log no second hazard", async () => {
    let clock = NOW;
    h = await startHarness({ now: () => clock });
    const captured = encryptedDelivery(messagePayload(newHazardLine(), { sender: ADMIN, createTime: NOW }));
    await h.deliver(captured);
    await h.settle();
    expect(await h.bot.deps.db.select().from(hazards)).toHaveLength(1);

    clock = NOW + 8 * DAY;
    await pruneDeliveries(h.bot.deps.db, Date.now() + 1);
    expect(await h.bot.deps.db.select().from(deliveries)).toEqual([]);
    expect((await h.deliver(captured)).status).toBe(200);
    await h.settle();
    expect(await h.bot.deps.db.select().from(hazards)).toHaveLength(1);
    expect(h.logs.some((l) => l.includes("stale event dropped"))).toBe(true);
  });
});
