// Ingest speed of the service as users run it (`npm start`: its own process, durable claims, the work after the
// acknowledgement on), measured from outside under one closed-loop load of signed, encrypted group messages,
// interleaved in rounds with the Lark SDK's adaptDefault and a bare Hono route; once with chatter (messages not
// addressed to the bot), once with 10% commands (BENCH_LOAD=chatter or mixed: one of them). BENCH_PROFILE=1 writes
// the service's CPU profile and sums it; BENCH_REMOTE=1 puts the database behind HTTP (a LibSQL server, as Turso is).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encryptedDelivery, GROUP_CHAT, messageEnvelope, messagePayload } from "../tests/support/events";
import { type FakeOpenApi, startFakeOpenApi } from "../tests/support/fake-open-api";
import { startHranaServer } from "../tests/support/hrana-server";
import { freePort, startService } from "../tests/support/service-process";
import { type LoadResult, type Prepared, runLoad } from "./load";
import { summariseProfile } from "./profile";
import { bareHono, listen, median, sdkAdaptor } from "./support/baselines";
import { cpuMs } from "./support/cpu";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ADMIN = "ou_admin00000000000000000000000001";
const CHATS = 20;
const LOAD = process.env.BENCH_LOAD;

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

const isCommand = (i: number) => i % 10 === 0;

/**
 * One command in ten, said to the bot (/帮助 and /隐患 列表 by an admin), the rest chatter. The commands go round
 * all the chats: Feishu takes 5 messages a second per group, so answers crowded into two chats would take the
 * bench's whole wait (they did: 1,000 answers at 10 a second).
 */
function mixed(tag: string, i: number): Prepared {
  if (!isCommand(i)) return chatter(tag, i);
  const n = i / 10;
  return encryptedDelivery(
    messagePayload(n % 2 === 0 ? "/帮助" : "/隐患 列表", {
      sender: ADMIN,
      eventId: `ev_${tag}_${i}`,
      messageId: `om_${tag}_${i}`,
      chatId: `${GROUP_CHAT.slice(0, -2)}${String(n % CHATS).padStart(2, "0")}`,
    }),
  );
}

function medianOf(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

interface Answered {
  /** seconds from the load's end until every command had its answer, or the wait's limit */
  seconds: number;
  /** commands answered once, more than once, not at all */
  once: number;
  twice: number;
  missing: number;
}

interface Target {
  name: string;
  url: string;
  results: LoadResult[];
  /** reads the CPU clock of the process serving this target (the bench's own for the baselines) */
  cpu: () => number;
  /** the service: waits until the work behind the acknowledgements is done (each command answered) */
  settle?: (commandIds: string[]) => Promise<Answered>;
  answered: Answered[];
}

function report(title: string, targets: Target[]) {
  const sdk = median(targets.find((t) => t.name.startsWith("Lark SDK"))!.results);
  console.log(`\n${title}`);
  console.log(
    `${"target".padEnd(26)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"vs SDK".padStart(8)} ${"CPU µs/req".padStart(11)} ${"client µs".padStart(10)} ${"errors".padStart(7)}  rounds (req/s)`,
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
        // The server's CPU per request, median over the rounds: what one event costs the process serving it.
        medianOf(t.results.map((r) => r.cpuPerRequestUs ?? 0))
          .toFixed(0)
          .padStart(11),
        medianOf(t.results.map((r) => r.clientCpuPerRequestUs))
          .toFixed(0)
          .padStart(10),
        String(t.results.reduce((a, r) => a + r.errors, 0)).padStart(7),
        ` ${t.results.map((r) => r.perSecond.toFixed(0)).join(" / ")}`,
      ].join(" "),
    );
  }
  const service = targets.find((t) => t.settle)!;
  const sdkTarget = targets.find((t) => t.name.startsWith("Lark SDK"))!;
  const perRound = service.results.map((r, i) => r.perSecond / sdkTarget.results[i]!.perSecond);
  console.log(`median of per-round ratios 安督/SDK: ${medianOf(perRound).toFixed(2)}`);
  if (service.answered.length > 0) {
    const sum = (f: (a: Answered) => number) => service.answered.reduce((n, a) => n + f(a), 0);
    console.log(
      `commands answered once: ${sum((a) => a.once)}, twice or more: ${sum((a) => a.twice)}, never: ${sum((a) => a.missing)}; ` +
        `all answered ${medianOf(service.answered.map((a) => a.seconds)).toFixed(2)} s after the load (median; at Feishu's 5 a second per group a round's answers take at least ${(REQUESTS / 10 / (5 * CHATS)).toFixed(0)} s from its first command)`,
    );
  }
}

/** Waits until each command has its answer (a reply to it at the fake Open API), counting each by its id. */
function answersOf(fake: FakeOpenApi) {
  return async (commandIds: string[]): Promise<Answered> => {
    const started = performance.now();
    const wanted = new Set(commandIds);
    const count = () => {
      const per = new Map<string, number>();
      for (const m of fake.messages)
        if (m.reply_to && wanted.has(m.reply_to)) per.set(m.reply_to, (per.get(m.reply_to) ?? 0) + 1);
      return per;
    };
    let per = count();
    while (per.size < wanted.size && performance.now() - started < 120_000) {
      await new Promise((r) => setTimeout(r, 100));
      per = count();
    }
    const counts = [...per.values()];
    return {
      seconds: (performance.now() - started) / 1000,
      once: counts.filter((c) => c === 1).length,
      twice: counts.filter((c) => c > 1).length,
      missing: wanted.size - per.size,
    };
  };
}

const commandIdsOf = (tag: string, length: number, build: (tag: string, i: number) => Prepared) =>
  build === mixed
    ? Array.from({ length }, (_, i) => i)
        .filter(isCommand)
        .map((i) => `om_${tag}_${i}`)
    : [];

export async function runIngestBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "andu-ingest-"));
  // BENCH_PROFILE=1: the profile is summed and dropped; BENCH_PROFILE=<folder>: it is also kept there.
  const keep =
    process.env.BENCH_PROFILE && process.env.BENCH_PROFILE !== "1" ? process.env.BENCH_PROFILE : null;
  const profileDir = keep ?? join(dir, "profile");
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
    const loads = [
      ["group chatter", chatter],
      ["mixed: 10% commands", mixed],
    ] as const;
    // BENCH_LOAD=chatter or =mixed runs one of them (a profile of one kind of load).
    for (const [title, build] of loads.filter(([, b]) => !LOAD || b.name === LOAD)) {
      const targets: Target[] = [
        { name: "bare Hono route", url: bareUrl!, results: [], cpu: () => cpuMs(), answered: [] },
        { name: "Lark SDK adaptDefault", url: sdkUrl!, results: [], cpu: () => cpuMs(), answered: [] },
        {
          name: "安督 (npm start)",
          url: `http://127.0.0.1:${service.port}/feishu/events`,
          results: [],
          cpu: () => cpuMs(service.child.pid),
          answered: [],
          settle: answersOf(fake),
        },
      ];
      const warmTag = `warm${title.length}`;
      const warm = Array.from({ length: 1000 }, (_, i) => build(warmTag, i));
      for (const t of targets) {
        await runLoad(t.url, warm, CONCURRENCY);
        await t.settle?.(commandIdsOf(warmTag, warm.length, build));
      }
      // Rounds interleave the targets so a passing load on the shared machine hits them alike.
      for (let round = 0; round < ROUNDS; round++) {
        const tag = `${title.length}r${round}`;
        const requests = Array.from({ length: REQUESTS }, (_, i) => build(tag, i));
        const commandIds = commandIdsOf(tag, REQUESTS, build);
        for (const t of targets) {
          t.results.push(await runLoad(t.url, requests, CONCURRENCY, t.cpu));
          if (t.settle && commandIds.length > 0) t.answered.push(await t.settle(commandIds));
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
