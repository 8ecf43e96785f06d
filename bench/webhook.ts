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
import { parseConfig } from "../src/config";
import { memoryLogger } from "../src/logger";
import { bootBot } from "../src/node/boot";
import { ENCRYPT_KEY, encryptedDelivery, messagePayload, VERIFICATION_TOKEN } from "../tests/support/events";
import { type LoadResult, type Prepared, runLoad } from "./load";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = 1_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

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
  const app = createApp({ ...bot.deps, background: () => {}, eventWork: () => {} });
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

interface Target {
  name: string;
  server: Server;
  url?: string;
  results: LoadResult[];
}

function median(results: LoadResult[]): LoadResult {
  return [...results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(results.length / 2)]!;
}

export async function runWebhookBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "andu-bench-"));
  const ours = await andu(dir);
  const targets: Target[] = [
    { name: "bare Hono route", server: bareHono(), results: [] },
    { name: "Lark SDK adaptDefault", server: sdkAdaptor(), results: [] },
    { name: "安督 /feishu/events", server: ours.server, results: [] },
  ];
  try {
    for (const t of targets) t.url = await listen(t.server);
    const warmup = prepare(WARMUP, "warm");
    for (const t of targets) await runLoad(t.url!, warmup, CONCURRENCY);
    // Rounds interleave the targets so a passing load on the machine hits them alike; the median is reported.
    for (let round = 0; round < ROUNDS; round++) {
      const requests = prepare(REQUESTS, `r${round}`);
      for (const t of targets) t.results.push(await runLoad(t.url!, requests, CONCURRENCY));
    }
    const [bare, sdk, anduResult] = targets.map((t) => ({ name: t.name, ...median(t.results) })) as [
      { name: string } & LoadResult,
      { name: string } & LoadResult,
      { name: string } & LoadResult,
    ];
    console.log(
      `\nwebhook ingress: ${REQUESTS} signed, encrypted message events per round, concurrency ${CONCURRENCY}, median of ${ROUNDS} rounds`,
    );
    console.log(
      `${"target".padEnd(28)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"vs SDK".padStart(10)} ${"errors".padStart(7)}`,
    );
    for (const r of [bare, sdk, anduResult]) console.log(row(r, sdk));
    console.log(`安督 / bare Hono throughput: ${(anduResult.perSecond / bare.perSecond).toFixed(2)}`);
  } finally {
    for (const t of targets) await new Promise((r) => t.server.close(r));
    await ours.bot.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runWebhookBench();
