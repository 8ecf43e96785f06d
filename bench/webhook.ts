// Benchmark of the webhook's ingress: signed, encrypted message events into /feishu/events (verify over the
// raw bytes, decrypt, store the delivery for dedupe, acknowledge), against two baselines in the same run:
// a bare Hono route that answers {} and the Lark SDK's own adaptDefault doing its verification.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { createApp } from "../src/app";
import { parseConfig } from "../src/config";
import { memoryLogger } from "../src/logger";
import { bootBot } from "../src/node/boot";
import { ENCRYPT_KEY, encryptedDelivery, messagePayload, VERIFICATION_TOKEN } from "../tests/support/events";
import { type LoadResult, type Prepared, runLoad } from "./load";
import { bareHono, listen, median, sdkAdaptor } from "./support/baselines";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = 1_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function prepare(count: number, tag: string): Prepared[] {
  return Array.from({ length: count }, (_, i) =>
    encryptedDelivery(messagePayload("/帮助", { eventId: `ev_${tag}_${i}`, messageId: `om_${tag}_${i}` })),
  );
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
