// CPU time the Worker spends per invocation, to choose the Workers plan and the cron's chunk sizes: the Worker
// entry (src/worker.ts) runs in this process with the web LibSQL client, against the Hrana stand-in and the
// fake Open API in another process (bench/worker-backends.ts), so only the Worker's own work is counted. V8 is
// V8: Node's CPU figures stand for workerd's (workerd adds no JSON or crypto cost of its own). Each figure
// covers the request or cron run and all its waitUntil work; "round trips" are the database's HTTP requests,
// each a subrequest on Workers. `npx tsx bench/worker-cpu.ts` (BENCH_HAZARDS to change the ledger's size).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { jobClaims } from "../db/schema";
import { zonedMoment } from "../src/domain/time";
import { openDatabase, prepareDatabase } from "../src/node/database";
import worker, { type WorkerContext } from "../src/worker";
import {
  APP_ID,
  ENCRYPT_KEY,
  encryptedDelivery,
  messagePayload,
  VERIFICATION_TOKEN,
} from "../tests/support/events";
import { seed } from "./campaign-cards";

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const ADMIN = "ou_admin00000000000000000000000001";

interface Sample {
  cpuMs: number;
  roundTrips: number;
}

let roundTrips = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
  roundTrips++;
  return realFetch(...args);
}) as typeof fetch;

/**
 * Runs one invocation and everything it handed to waitUntil; its CPU time and round trips. User time only: the
 * system time is the sockets' writes and reads, which workerd does outside the isolate's CPU time.
 */
async function measure(invoke: (ctx: WorkerContext) => Promise<unknown>): Promise<Sample> {
  const waiting: Promise<unknown>[] = [];
  const ctx: WorkerContext = { waitUntil: (p) => void waiting.push(p) };
  const trips = roundTrips;
  const before = process.cpuUsage();
  await invoke(ctx);
  for (let seen = -1; seen !== waiting.length; ) {
    seen = waiting.length;
    await Promise.all(waiting);
  }
  const used = process.cpuUsage(before);
  return { cpuMs: used.user / 1000, roundTrips: roundTrips - trips };
}

function summary(name: string, samples: Sample[]): string {
  const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  const p50 = cpu[Math.floor(cpu.length / 2)]!;
  const max = cpu[cpu.length - 1]!;
  const trips = Math.max(...samples.map((s) => s.roundTrips));
  return `${name.padEnd(44)} CPU p50 ${p50.toFixed(1).padStart(7)} ms, max ${max.toFixed(1).padStart(7)} ms; database round trips ${trips}`;
}

export async function runWorkerCpuBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "andu-bench-worker-"));
  const file = join(dir, "bench.db");
  const database = await openDatabase(`file:${file}`);
  await prepareDatabase(database);
  await seed(database.db);
  const backends = spawn(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "worker-backends.ts"), file],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: backends.stdout! })[Symbol.asyncIterator]();
  const line = (await lines.next()).value as string;
  const { turso, feishu } = JSON.parse(line) as { turso: string; feishu: string };
  const env = {
    FEISHU_APP_ID: APP_ID,
    FEISHU_APP_SECRET: "bench-secret",
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    FEISHU_DOMAIN: feishu,
    FEISHU_GROUP_CHAT_ID: "oc_5ad11d72b830411d72b836c20",
    ADMIN_OPEN_IDS: ADMIN,
    DATABASE_URL: turso,
  };
  const url = "https://andu.example.workers.dev";
  const say = (text: string) => (ctx: WorkerContext) => {
    const d = encryptedDelivery(messagePayload(text, { sender: ADMIN }));
    return worker.fetch(
      new Request(`${url}/feishu/events`, { method: "POST", headers: d.headers, body: d.body }),
      env,
      ctx,
    );
  };
  try {
    console.log(
      `\nWorker CPU per invocation (ledger of ${process.env.BENCH_HAZARDS ?? "100,000"} hazards, ${RUNS} runs each)\n`,
    );
    const first = await measure((ctx) => worker.fetch(new Request(`${url}/healthz`), env, ctx));
    console.log(summary("first request of an isolate (/healthz)", [first]));
    const help: Sample[] = [];
    for (let i = 0; i < RUNS; i++) help.push(await measure(say("/帮助")));
    console.log(summary("/帮助 (acknowledge + reply)", help));
    const ranking: Sample[] = [];
    for (let i = 0; i < RUNS; i++) ranking.push(await measure(say("/排名 2023Q3")));
    console.log(summary("/排名 2023Q3 (a digest over the ledger)", ranking));
    // Monday 2023-10-09 10:00: the weekly dispatch, the September summary and the Q3 ranking are all due.
    const at = zonedMoment("2023-10-09", "10:00", "Asia/Shanghai");
    const ticks: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      await database.db.delete(jobClaims);
      ticks.push(
        await measure((ctx) => worker.scheduled({ scheduledTime: at, cron: "* * * * *" }, env, ctx)),
      );
    }
    console.log(summary("busy cron tick (3 due cards over the ledger)", ticks));
  } finally {
    backends.stdin?.end();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runWorkerCpuBench();
