// CPU time of the Worker's workbooks under workerd itself, to hold them against the Workers plans' CPU limits:
// `wrangler dev --local` runs the bundle wrangler builds (exceljs as bundled for Workers, the SDK's upload over
// workerd's Node compatibility), against the Hrana stand-in for Turso and the fake Open API in this process, over
// a ledger of BENCH_HAZARDS hazards (2,000 by default: a township's campaign). The local runtime reports no CPU
// time per request, so the figure is the workerd process's own CPU time (user and system, /proc, 10 ms ticks)
// from the message's delivery until the file message has arrived and the Worker has gone quiet: everything
// workerd did for that invocation, its HTTP and JSON included, so an upper bound on what Cloudflare would
// count. `npx tsx bench/worker-files.ts` (BENCH_RUNS runs each, 5 by default); never part of npm test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { jobClaims } from "../db/schema";
import { openDatabase, prepareDatabase } from "../src/node/database";
import { encryptedDelivery, GROUP_CHAT, messagePayload } from "../tests/support/events";
import { type DeliveredMessage, startFakeOpenApi } from "../tests/support/fake-open-api";
import { ADMIN } from "../tests/support/harness";
import { startHranaServer } from "../tests/support/hrana-server";
import { TURSO_TOKEN, workerVars } from "../tests/support/worker-env";
import { startWranglerDev, type WranglerDev } from "../tests/support/wrangler-dev";

process.env.BENCH_HAZARDS ??= "2000";
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** How long the Worker must have used no CPU before an invocation counts as finished. */
const QUIET_MS = 300;

interface Sample {
  cpuMs: number;
  wallMs: number;
  bytes: number;
}

async function until<T>(check: () => T | undefined, what: string, output: string[]): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not happen: ${output.join("").slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until workerd has used no CPU for QUIET_MS: the invocation's last writes (the outbox row marked sent). */
async function settled(dev: WranglerDev): Promise<void> {
  let last = dev.workerdCpuMs();
  let since = Date.now();
  while (Date.now() - since < QUIET_MS) {
    await new Promise((r) => setTimeout(r, 50));
    const now = dev.workerdCpuMs();
    if (now !== last) [last, since] = [now, Date.now()];
  }
}

/** One invocation's CPU and wall time, from `start` until `finished` gives the file messages it sent. */
async function measure(
  dev: WranglerDev,
  start: () => Promise<unknown>,
  finished: () => DeliveredMessage[] | undefined,
  sizeOf: (files: DeliveredMessage[]) => number,
): Promise<Sample> {
  await settled(dev);
  const cpu = dev.workerdCpuMs();
  const began = performance.now();
  await start();
  const files = await until(finished, "the file message", dev.output);
  const wallMs = performance.now() - began;
  await settled(dev);
  return { cpuMs: dev.workerdCpuMs() - cpu, wallMs, bytes: sizeOf(files) };
}

function summary(name: string, samples: Sample[]): string {
  const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  const wall = samples.map((s) => s.wallMs).sort((a, b) => a - b);
  const mid = Math.floor(samples.length / 2);
  const kib = Math.max(...samples.map((s) => s.bytes)) / 1024;
  return `${name.padEnd(52)} workerd CPU p50 ${String(cpu[mid]).padStart(6)} ms, max ${String(cpu[cpu.length - 1]).padStart(6)} ms; wall p50 ${wall[mid]!.toFixed(0).padStart(6)} ms; files ${kib.toFixed(0)} KiB`;
}

export async function runWorkerFilesBench(): Promise<void> {
  const { seed } = await import("./campaign-cards");
  const dir = mkdtempSync(join(tmpdir(), "andu-bench-worker-files-"));
  const file = join(dir, "bench.db");
  const database = await openDatabase(`file:${file}`);
  await prepareDatabase(database);
  await seed(database.db);
  const turso = await startHranaServer(file, TURSO_TOKEN);
  const fake = await startFakeOpenApi();
  const dev = await startWranglerDev(workerVars(fake.url, turso.url), join(dir, "state"));
  const uploaded = (files: DeliveredMessage[]) =>
    files
      .map((m) => fake.uploads.find((u) => u.fileKey === (m.content as { file_key?: string }).file_key))
      .reduce((sum, u) => sum + (u?.bytes.length ?? 0), 0);
  let serial = 0;
  /** Sends `text`; `wanted` file messages in reply mean it is done (0: any answer). */
  const ask = (text: string, wanted: number) => {
    serial += 1;
    const messageId = `om_bench_files_${serial}`;
    const answers = () => fake.messages.filter((m) => m.reply_to === messageId);
    return {
      start: () => {
        const d = encryptedDelivery(messagePayload(text, { sender: ADMIN, messageId }));
        return fetch(`${dev.base}/feishu/events`, { method: "POST", headers: d.headers, body: d.body });
      },
      finished: () => {
        const sent = answers();
        const files = sent.filter((m) => m.msg_type === "file");
        if (wanted === 0) return sent.length > 0 ? files : undefined;
        return files.length >= wanted ? files : undefined;
      },
    };
  };
  try {
    console.log(
      `\nWorker files under workerd (wrangler dev --local; ledger of ${process.env.BENCH_HAZARDS} hazards over 300 units, ${RUNS} runs each)\n`,
    );
    const cases: [string, string, number][] = [
      ["/帮助 (for scale: a text reply)", "/帮助", 0],
      ["/台账 导出 (附件3 workbook, whole township)", "/台账 导出", 1],
      ["/台账 导出 月份=2023-09 (as it stood at a month's end)", "/台账 导出 月份=2023-09", 1],
      ["/调度表 2023-09 (card and 附件4 workbook)", "/调度表 2023-09", 1],
    ];
    for (const [name, text, wanted] of cases) {
      // the first run warms the isolate and the SDK's token; it is not counted
      const warm = ask(text, wanted);
      await measure(dev, warm.start, warm.finished, uploaded);
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = ask(text, wanted);
        samples.push(await measure(dev, run.start, run.finished, uploaded));
      }
      console.log(summary(name, samples));
    }
    // Monday 2023-10-23 09:00 (the 21st was a Saturday): September's roll-call with the 全镇 附件3 and 附件4
    // attached, and whatever else the tick finds due then. The claims are forgotten before each run.
    const rollCall: Sample[] = [];
    for (let i = 0; i <= RUNS; i++) {
      await database.db.delete(jobClaims);
      const before = fake.messages.length;
      const at = Date.parse("2023-10-23T09:00:00+08:00");
      const sample = await measure(
        dev,
        () => fetch(`${dev.base}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${at}`),
        () => {
          const files = fake.messages
            .slice(before)
            .filter((m) => m.receive_id === GROUP_CHAT && m.msg_type === "file");
          return files.length >= 2 ? files : undefined;
        },
        uploaded,
      );
      if (i > 0) rollCall.push(sample);
    }
    console.log(summary("cron: the roll-call with both 全镇 workbooks", rollCall));
  } finally {
    await dev.stop();
    await fake.close();
    await turso.close();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runWorkerFilesBench();
