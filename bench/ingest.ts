// Ingest speed of the service as users run it (`npm start`: its own process, durable claims, the work after the
// acknowledgement on), measured from outside under one closed-loop load of signed, encrypted group messages,
// interleaved in rounds with the Lark SDK's adaptDefault and a bare Hono route; once with chatter (messages not
// addressed to the bot), once with 10% commands. BENCH_PROFILE=1 writes the service's CPU profile and sums it;
// BENCH_REMOTE=1 puts the database behind HTTP (a LibSQL server, as Turso is).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import * as lark from "@larksuiteoapi/node-sdk";
import { Hono } from "hono";
import {
  ENCRYPT_KEY,
  encryptedDelivery,
  GROUP_CHAT,
  messageEnvelope,
  messagePayload,
  VERIFICATION_TOKEN,
} from "../tests/support/events";
import { startFakeOpenApi } from "../tests/support/fake-open-api";
import { startHranaServer } from "../tests/support/hrana-server";
import { freePort, startService } from "../tests/support/service-process";
import { type LoadResult, type Prepared, runLoad } from "./load";
import { summariseProfile } from "./profile";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ADMIN = "ou_admin00000000000000000000000001";
const CHATS = 20;

/** Group chatter: a person's message to the group, heard by a bot with im:message.group_msg, not for it. */
function chatter(tag: string, i: number): Prepared {
  return encryptedDelivery(
    messageEnvelope({
      o: {
        eventId: `ev_${tag}_${i}`,
        messageId: `om_${tag}_${i}`,
        chatId: `${GROUP_CHAT.slice(0, -2)}${String(i % CHATS).padStart(2, "0")}`,
      },
      createTime: Date.now(),
      messageType: "text",
      content: JSON.stringify({ text: `收到，下午三点在村委会开安全例会，请各位准时参加（${i}）` }),
      mentions: [],
      chatType: "group",
    }),
  );
}

/** One command in ten, said to the bot (/帮助 and /隐患 列表 by an admin), the rest chatter. */
function mixed(tag: string, i: number): Prepared {
  if (i % 10 !== 0) return chatter(tag, i);
  const text = i % 20 === 0 ? "/帮助" : "/隐患 列表";
  return encryptedDelivery(
    messagePayload(text, {
      sender: ADMIN,
      eventId: `ev_${tag}_${i}`,
      messageId: `om_${tag}_${i}`,
      chatId: `${GROUP_CHAT.slice(0, -2)}${String(i % CHATS).padStart(2, "0")}`,
    }),
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

function median(results: LoadResult[]): LoadResult {
  return [...results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(results.length / 2)]!;
}

function medianOf(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

interface Target {
  name: string;
  url: string;
  results: LoadResult[];
  /** the service: waits until the work behind the acknowledgements is done (the commands answered) */
  settle?: (commands: number) => Promise<number>;
  drainSeconds: number[];
}

function report(title: string, targets: Target[]) {
  const sdk = median(targets.find((t) => t.name.startsWith("Lark SDK"))!.results);
  console.log(`\n${title}`);
  console.log(
    `${"target".padEnd(26)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"vs SDK".padStart(8)} ${"errors".padStart(7)}  rounds (req/s)`,
  );
  for (const t of targets) {
    const m = median(t.results);
    // The ratio of medians and the median of per-round ratios: a shared machine moves both, the second less.
    console.log(
      [
        t.name.padEnd(26),
        m.perSecond.toFixed(0).padStart(8),
        m.p50.toFixed(2).padStart(8),
        m.p99.toFixed(2).padStart(8),
        (m.perSecond / sdk.perSecond).toFixed(2).padStart(8),
        String(t.results.reduce((a, r) => a + r.errors, 0)).padStart(7),
        ` ${t.results.map((r) => r.perSecond.toFixed(0)).join(" / ")}`,
      ].join(" "),
    );
  }
  const service = targets.find((t) => t.settle)!;
  const sdkTarget = targets.find((t) => t.name.startsWith("Lark SDK"))!;
  const perRound = service.results.map((r, i) => r.perSecond / sdkTarget.results[i]!.perSecond);
  console.log(`median of per-round ratios 安督/SDK: ${medianOf(perRound).toFixed(2)}`);
  if (service.drainSeconds.length > 0)
    console.log(
      `work behind the acks done ${medianOf(service.drainSeconds).toFixed(2)} s after the load (median)`,
    );
}

export async function runIngestBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "andu-ingest-"));
  const profileDir = join(dir, "profile");
  const fake = await startFakeOpenApi();
  // BENCH_REMOTE=1: the service reaches its database over HTTP, through the Hrana stand-in for Turso (as several
  // instances on one LibSQL server, or a Turso database, are reached), instead of the embedded file.
  const file = join(dir, "andu.db");
  const turso = process.env.BENCH_REMOTE ? await startHranaServer(file) : null;
  const service = await startService({
    databaseUrl: turso?.url ?? `file:${file}`,
    openApiUrl: fake.url,
    port: await freePort(),
    env: { ADMIN_OPEN_IDS: ADMIN },
    nodeArgs: process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  });
  const servers = [bareHono(), sdkAdaptor()];
  try {
    const [bareUrl, sdkUrl] = await Promise.all(servers.map(listen));
    for (const [title, build] of [
      ["group chatter", chatter],
      ["mixed: 10% commands", mixed],
    ] as const) {
      const targets: Target[] = [
        { name: "bare Hono route", url: bareUrl!, results: [], drainSeconds: [] },
        { name: "Lark SDK adaptDefault", url: sdkUrl!, results: [], drainSeconds: [] },
        {
          name: "安督 (npm start)",
          url: `http://127.0.0.1:${service.port}/feishu/events`,
          results: [],
          drainSeconds: [],
          settle: async (commands) => {
            const started = performance.now();
            const want = fake.messages.length + commands;
            while (fake.messages.length < want && performance.now() - started < 120_000)
              await new Promise((r) => setTimeout(r, 50));
            return (performance.now() - started) / 1000;
          },
        },
      ];
      const warm = Array.from({ length: 1000 }, (_, i) => build(`warm${title.length}`, i));
      for (const t of targets) {
        await runLoad(t.url, warm, CONCURRENCY);
        await t.settle?.(warm.filter((_, i) => build === mixed && i % 10 === 0).length);
      }
      // Rounds interleave the targets so a passing load on the shared machine hits them alike.
      for (let round = 0; round < ROUNDS; round++) {
        const tag = `${title.length}r${round}`;
        const requests = Array.from({ length: REQUESTS }, (_, i) => build(tag, i));
        const commands = build === mixed ? Math.ceil(REQUESTS / 10) : 0;
        for (const t of targets) {
          t.results.push(await runLoad(t.url, requests, CONCURRENCY));
          if (t.settle && commands > 0) t.drainSeconds.push(await t.settle(commands));
        }
      }
      report(
        `ingest, ${title}: ${REQUESTS} signed, encrypted events a round, ${CONCURRENCY} in flight, median of ${ROUNDS} interleaved rounds`,
        targets,
      );
    }
  } finally {
    for (const server of servers) await new Promise((r) => server.close(r));
    await service.stop();
    await fake.close();
    await turso?.close();
    if (process.env.BENCH_PROFILE) {
      for (const file of readdirSync(profileDir)) summariseProfile(join(profileDir, file));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runIngestBench();
