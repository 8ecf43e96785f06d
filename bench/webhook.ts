// Benchmark of the webhook's ingress: signed, encrypted message events into /feishu/events (verify over the
// raw bytes, decrypt, store the delivery for dedupe, acknowledge), against two baselines in the same run:
// a bare Hono route that answers {} and the Lark SDK's own adaptDefault doing its verification.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import * as lark from "@larksuiteoapi/node-sdk";
import { Hono } from "hono";
import { createApp } from "../src/app";
import { bootBot } from "../src/bot/boot";
import { parseConfig } from "../src/config";
import { memoryLogger } from "../src/logger";
import { ENCRYPT_KEY, encryptedDelivery, messagePayload, VERIFICATION_TOKEN } from "../tests/support/events";
import { type LoadResult, type Prepared, runLoad } from "./load";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = 1_000;

function prepare(count: number, tag: string): Prepared[] {
  return Array.from({ length: count }, (_, i) =>
    encryptedDelivery(messagePayload("/帮助", { eventId: `ev_${tag}_${i}`, messageId: `om_${tag}_${i}` })),
  );
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/feishu/events`),
    ),
  );
}

async function measure(name: string, server: Server, requests: Prepared[], warmup: Prepared[]) {
  const url = await listen(server);
  await runLoad(url, warmup, CONCURRENCY);
  const result = await runLoad(url, requests, CONCURRENCY);
  await new Promise((r) => server.close(r));
  return { name, ...result };
}

function bareHono(): Server {
  const app = new Hono();
  app.post("/feishu/events", (c) => c.json({}));
  return createAdaptorServer({ fetch: app.fetch }) as Server;
}

function sdkAdaptor(): Server {
  const dispatcher = new lark.EventDispatcher({
    encryptKey: ENCRYPT_KEY,
    verificationToken: VERIFICATION_TOKEN,
    loggerLevel: lark.LoggerLevel.error,
  }).register({ "im.message.receive_v1": async () => ({}) });
  return createServer(lark.adaptDefault("/feishu/events", dispatcher));
}

async function andu(dir: string) {
  const config = parseConfig({
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    DATABASE_URL: `file:${join(dir, "bench.db")}`,
  });
  const bot = await bootBot(config, { logger: memoryLogger() });
  // Ingress only: the work behind the acknowledgement is not started, so the figure is verify+decrypt+dedupe+ack.
  const app = createApp({ ...bot.deps, background: () => {} });
  return { server: createAdaptorServer({ fetch: app.fetch }) as Server, bot };
}

function row(r: { name: string } & LoadResult, base: LoadResult) {
  return [
    r.name.padEnd(28),
    r.perSecond.toFixed(0).padStart(8),
    r.p50.toFixed(2).padStart(8),
    r.p99.toFixed(2).padStart(8),
    (r.perSecond / base.perSecond).toFixed(2).padStart(10),
    String(r.errors).padStart(7),
  ].join(" ");
}

export async function runWebhookBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "andu-bench-"));
  try {
    const requests = prepare(REQUESTS, "run");
    const warmup = prepare(WARMUP, "warm");
    const bare = await measure("bare Hono route", bareHono(), requests, warmup);
    const sdk = await measure("Lark SDK adaptDefault", sdkAdaptor(), requests, warmup);
    const ours = await andu(dir);
    const anduResult = await measure("安督 /feishu/events", ours.server, requests, warmup);
    await ours.bot.close();
    console.log(
      `\nwebhook ingress: ${REQUESTS} signed, encrypted message events, concurrency ${CONCURRENCY}`,
    );
    console.log(
      `${"target".padEnd(28)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"vs SDK".padStart(10)} ${"errors".padStart(7)}`,
    );
    for (const r of [bare, sdk, anduResult]) console.log(row(r, sdk));
    console.log(`安督 / bare Hono throughput: ${(anduResult.perSecond / bare.perSecond).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runWebhookBench();
