// A whole bot for one test: a real LibSQL file with the real migrations, the real Hono app, the real Lark SDK
// client talking to the fake Open API on 127.0.0.1, and helpers that deliver signed, encrypted events.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { createApp } from "../../src/app";
import { parseConfig } from "../../src/config";
import { validateCard } from "../../src/feishu/card-rules/validate";
import { memoryLogger } from "../../src/logger";
import { type Bot, bootBot } from "../../src/node/boot";
import {
  APP_ID,
  type CardOptions,
  cardPayload,
  type Delivery,
  ENCRYPT_KEY,
  encryptedDelivery,
  type MessageOptions,
  messagePayload,
  VERIFICATION_TOKEN,
} from "./events";
import { type FakeOpenApi, startFakeOpenApi } from "./fake-open-api";

export const ADMIN = "ou_admin00000000000000000000000001";

export interface HarnessOptions {
  env?: Record<string, string | undefined>;
  /** no Feishu credentials: local mode */
  local?: boolean;
  now?: () => number;
  /** how long one Open API call may take (the bot's default is 15 s) */
  feishuTimeoutMs?: number;
  /** the outbox's clock and the sleep of its retries and rate limit: a test fast-forwards time with them */
  sendClock?: { now: () => number; sleep: (ms: number) => Promise<void> };
}

export interface Harness {
  fake: FakeOpenApi;
  bot: Bot;
  app: Hono;
  logs: string[];
  dir: string;
  deliver(delivery: Delivery, path?: string): Promise<Response>;
  /** an encrypted, signed message event; resolves with the HTTP answer (the work goes on behind it) */
  say(text: string, o?: MessageOptions): Promise<Response>;
  /** say, then wait for the work behind the acknowledgement */
  ask(text: string, o?: MessageOptions): Promise<Response>;
  /** a card button or form press; resolves with the parsed callback answer */
  click(
    value: Record<string, unknown>,
    o?: CardOptions,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  settle(): Promise<void>;
  /** stops the bot and starts it again on the same database (migrations and seeding run again) */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeOpenApi();
  const dir = mkdtempSync(join(tmpdir(), "andu-test-"));
  const config = parseConfig({
    ...(options.local ? {} : { FEISHU_APP_ID: APP_ID, FEISHU_APP_SECRET: "test-secret" }),
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    FEISHU_DOMAIN: fake.url,
    DATABASE_URL: `file:${join(dir, "andu.db")}`,
    ADMIN_OPEN_IDS: ADMIN,
    ...options.env,
  });
  const logger = memoryLogger();
  const boot = () =>
    bootBot(config, {
      logger,
      now: options.now,
      retry: { baseDelayMs: 10, ...(options.sendClock ? { sleep: options.sendClock.sleep } : {}) },
      feishuTimeoutMs: options.feishuTimeoutMs,
      sendClock: options.sendClock?.now,
    });
  const bot = await boot();
  const app = createApp(bot.deps);

  const deliver = (d: Delivery, path = "/feishu/events") =>
    Promise.resolve(harness.app.request(path, { method: "POST", headers: d.headers, body: d.body }));
  const say = (text: string, o: MessageOptions = {}) =>
    deliver(encryptedDelivery(messagePayload(text, { sender: ADMIN, ...o })));
  const settle = () => harness.bot.work.idle();
  const harness: Harness = {
    fake,
    bot,
    app,
    logs: logger.lines,
    dir,
    deliver,
    say,
    async ask(text, o) {
      const response = await say(text, o);
      await settle();
      return response;
    },
    async click(value, o = {}) {
      const response = await deliver(
        encryptedDelivery(cardPayload(value, { operator: ADMIN, ...o })),
        "/feishu/cards",
      );
      const body = (await response.json()) as Record<string, unknown>;
      // A card in a callback answer must pass the same rules as a sent one: Feishu shows the user an error.
      const answered = (body.card as { type?: string; data?: unknown } | undefined)?.data;
      if (answered !== undefined) {
        const problems = validateCard(answered);
        if (problems.length > 0)
          throw new Error(`callback answered with an invalid card: ${JSON.stringify(problems)}`);
      }
      return { status: response.status, body };
    },
    settle,
    async restart() {
      await harness.bot.work.idle();
      await harness.bot.close();
      harness.bot = await boot();
      harness.app = createApp(harness.bot.deps);
    },
    async close() {
      await harness.bot.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
      // Every test that used a harness also checked that Feishu would have taken every card the bot sent.
      if (fake.refused.length > 0)
        throw new Error(`Feishu refused what the bot sent: ${JSON.stringify(fake.refused)}`);
    },
  };
  return harness;
}
