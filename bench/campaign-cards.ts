// Benchmark of the campaign's cards at scale: 100,000 hazards over 300 units (10 of them retired) and 15 sectors
// (with 督办, moves and withdrawals), each scheduled card and /排名 computed from the real store and built as card
// JSON, timed against a baseline measured in the same run: a plain indexed count (the quarter's 重大 hazards by
// 发现日期, what `/隐患 列表 发现=2023Q3 等级=重大` counts), and a /台账 下一页 press (answered in its callback).
// The goal: each card under 200 ms. Beside the wall time,
// the main thread's CPU time per run (Linux): on a shared machine the wall time mostly measures the queue for a
// core. Runs alone (`npx tsx bench/campaign-cards.ts`; BENCH_REMOTE=1 reaches the database over HTTP, as Turso
// is reached) or as `npm run bench -- cards`; never part of npm test.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gt, sql } from "drizzle-orm";
import { annualSummaryCard } from "../cards/annual-summary";
import { monthlySummaryCard } from "../cards/monthly-summary";
import { rankingCard } from "../cards/ranking";
import { weeklyDispatchCard } from "../cards/weekly-dispatch";
import { pageAction } from "../commands/ledger/view";
import type { CardContext } from "../commands/types";
import { hazardEvents, hazardSupervisions, hazards, units } from "../db/schema";
import { parseConfig } from "../src/config";
import { periodOf, previousPeriod } from "../src/domain/periods";
import { addDays, zonedMoment } from "../src/domain/time";
import { officialCalendar } from "../src/domain/workdays";
import { validateCard } from "../src/feishu/card-rules/validate";
import { annualSummaryView } from "../src/jobs/annual-summary";
import { monthlySummaryView } from "../src/jobs/monthly-summary";
import type { JobRun } from "../src/jobs/types";
import { weeklyDispatchView } from "../src/jobs/weekly-dispatch";
import { memoryLogger } from "../src/logger";
import { bootBot } from "../src/node/boot";
import { rankingCardView, rankingReport } from "../src/reports/ranking";
import { startHranaServer } from "../tests/support/hrana-server";

const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const UNITS = 300;
const TODAY = "2023-10-09";
const TZ = "Asia/Shanghai";

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** The campaign ledger at scale (HAZARDS hazards over UNITS units), around TODAY; bench/worker-cpu.ts uses it too. */
export async function seed(db: JobRun["deps"]["db"]) {
  const existing = (await db.select({ id: units.id }).from(units)).length;
  await db.insert(units).values(
    Array.from({ length: UNITS - existing }, (_, i) => ({
      name: `测试村民委员会${pad(i + 1, 3)}`,
      kind: "村居" as const,
    })),
  );
  const unitIds = (await db.select({ id: units.id }).from(units)).map((u) => u.id);
  const rnd = random(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const CHUNK = 1_000;
  for (let start = 0; start < HAZARDS; start += CHUNK) {
    const rows: (typeof hazards.$inferInsert)[] = [];
    const events: (typeof hazardEvents.$inferInsert)[] = [];
    const postings: (typeof hazardSupervisions.$inferInsert)[] = [];
    for (let i = start; i < Math.min(HAZARDS, start + CHUNK); i++) {
      const foundOn = addDays("2023-05-01", Math.floor(rnd() * 400));
      const at = zonedMoment(foundOn, "10:00", TZ);
      const r = rnd();
      const status =
        r < 0.2 ? "待整改" : r < 0.45 ? "整改中" : r < 0.6 ? "待验收" : r < 0.97 ? "已销号" : "已撤销";
      const supervised = rnd() < 0.1;
      const supervisionDate = supervised ? addDays(foundOn, 2) : null;
      rows.push({
        id: i + 1,
        number: `YH-2023-${pad(i + 1, 6)}`,
        unitId: pick(unitIds),
        enterpriseName: `项目${pad(Math.floor(rnd() * 3000), 4)}`,
        sectorId: 1 + Math.floor(rnd() * 15),
        description: `第 ${i + 1} 条隐患：仓库未设置防雷设施。`,
        measures: "安装防雷设施。",
        deadline: addDays(foundOn, 30 + Math.floor(rnd() * 60)),
        source: pick(["企业自查", "部门检查", "上级检查", "举报"] as const),
        foundOn,
        level: rnd() < 0.8 ? "重大" : "一般",
        status,
        progressMetOn: supervised && rnd() < 0.5 ? addDays(foundOn, 10 + Math.floor(rnd() * 40)) : null,
        closedAt: status === "已销号" ? at + 8 * 86_400_000 : null,
        reportedBy: "ou_bench",
        createdAt: at,
        updatedAt: at,
      });
      events.push({ hazardId: i + 1, at, actor: "ou_bench", kind: "created" });
      if (supervisionDate)
        postings.push({
          hazardId: i + 1,
          level: pick(["镇级", "县级", "市级"] as const),
          doc: `兴安办〔2023〕${i + 1}号`,
          postedOn: supervisionDate,
          dueOn: addDays(supervisionDate, 30),
          postedBy: "ou_bench",
          postedAt: at,
        });
      if (status === "待验收" || status === "已销号")
        events.push({ hazardId: i + 1, at: at + 5 * 86_400_000, actor: "ou_bench", kind: "rectified" });
      if (status === "已销号")
        events.push({ hazardId: i + 1, at: at + 8 * 86_400_000, actor: "ou_bench", kind: "closed" });
      if (status === "已撤销")
        events.push({ hazardId: i + 1, at: at + 86_400_000, actor: "ou_bench", kind: "withdrawn" });
    }
    await db.batch([
      db.insert(hazards).values(rows),
      db.insert(hazardEvents).values(events),
      ...(postings.length > 0 ? [db.insert(hazardSupervisions).values(postings)] : []),
    ]);
  }
}

/** CPU ms the main thread has used (utime + stime from /proc, in 10 ms ticks); null where there is no /proc. */
function threadCpuMs(): number | null {
  const stat = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(stat)) return null;
  const fields = readFileSync(stat, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function time(name: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  const cpuBefore = threadCpuMs();
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  const cpuAfter = threadCpuMs();
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  const cpu = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / RUNS;
  return { name, p50: at(0.5), p99: at(0.99), max: samples[samples.length - 1]!, cpu };
}

export async function runCampaignBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "andu-bench-cards-"));
  // BENCH_REMOTE=1: the database behind HTTP (the Hrana stand-in for Turso), as on Workers or several instances.
  const file = join(dir, "bench.db");
  const turso = process.env.BENCH_REMOTE ? await startHranaServer(file) : null;
  const config = parseConfig({ DATABASE_URL: turso?.url ?? `file:${file}` });
  const bot = await bootBot(config, { logger: memoryLogger(), now: () => zonedMoment(TODAY, "09:00", TZ) });
  const { deps } = bot;
  try {
    const seeded = performance.now();
    await seed(deps.db);
    // Retired units keep their hazards: the cards list them apart, and that path is timed too.
    await deps.db
      .update(units)
      .set({ retiredAt: deps.now() })
      .where(gt(units.id, UNITS - 10));
    console.log(
      `\nCampaign cards over ${HAZARDS.toLocaleString("en")} hazards, ${UNITS} units (10 retired), 15 sectors (seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s), ${RUNS} runs each, ms\n`,
    );
    const run: JobRun = { deps, calendar: officialCalendar(), at: deps.now(), today: TODAY };
    const week = previousPeriod(periodOf("week", TODAY));
    const month = previousPeriod(periodOf("month", TODAY));
    const quarter = previousPeriod(periodOf("quarter", TODAY));
    const year = periodOf("year", TODAY);
    const sizes = new Map<string, number>();
    const built = (name: string, card: unknown) => {
      const problems = validateCard(card);
      if (problems.length > 0)
        throw new Error(`${name}: Feishu would refuse it: ${JSON.stringify(problems)}`);
      sizes.set(name, Buffer.byteLength(JSON.stringify(card)));
    };
    const quarterSpan = { from: quarter.start, to: quarter.end };
    const baseline = await time("baseline: count 2023Q3 重大", () =>
      deps.db
        .select({ n: sql<number>`count(*)` })
        .from(hazards)
        .where(
          sql`${hazards.foundOn} between ${quarterSpan.from} and ${quarterSpan.to} and ${hazards.level} = '重大'`,
        ),
    );
    const timings = [
      baseline,
      await time("周调度 (weekly-dispatch)", async () =>
        built("周调度 (weekly-dispatch)", weeklyDispatchCard(await weeklyDispatchView(run, week))),
      ),
      await time("月小结 (monthly-summary)", async () =>
        built("月小结 (monthly-summary)", monthlySummaryCard(await monthlySummaryView(deps, month))),
      ),
      await time("季通报 (quarterly-ranking)", async () =>
        built(
          "季通报 (quarterly-ranking)",
          rankingCard(
            rankingCardView(await rankingReport(deps, quarter, "单位", TODAY), {
              title: "季通报",
              praise: true,
            }),
          ),
        ),
      ),
      await time("年总结 (annual-summary)", async () =>
        built("年总结 (annual-summary)", annualSummaryCard(await annualSummaryView(deps, year))),
      ),
      // a 下一页 press on the whole town's 附件3 card, answered inside the callback (Feishu waits 3 s)
      await time("/台账 下一页 (callback)", async () => {
        const answer = await pageAction.run({
          deps,
          actor: {
            openId: "ou_bench_admin",
            name: "bench",
            role: "管理员",
            unitId: null,
            enterpriseId: null,
          },
          event: {} as CardContext["event"],
          value: { action: "ledger.page", page: 1 },
          form: {},
        });
        built("/台账 下一页 (callback)", answer.card);
      }),
      await time("/排名 本年 按=领域", async () =>
        built(
          "/排名 本年 按=领域",
          rankingCard(
            rankingCardView(await rankingReport(deps, year, "领域", TODAY), { title: "排名", praise: false }),
          ),
        ),
      ),
    ];
    console.log(
      `${"card".padEnd(30)} ${"p50".padStart(9)} ${"p99".padStart(9)} ${"max".padStart(9)} ${"cpu/run".padStart(8)} ${"p50/count".padStart(10)} ${"card bytes".padStart(11)}`,
    );
    for (const t of timings) {
      console.log(
        `${t.name.padEnd(30)} ${t.p50.toFixed(2).padStart(9)} ${t.p99.toFixed(2).padStart(9)} ${t.max.toFixed(2).padStart(9)} ${(t.cpu === null ? "" : t.cpu.toFixed(0)).padStart(8)} ${(t.p50 / baseline.p50).toFixed(1).padStart(10)} ${String(sizes.get(t.name) ?? "").padStart(11)}`,
      );
    }
    const over = timings.slice(1).filter((t) => t.p50 > 200);
    console.log(
      over.length === 0
        ? "\nevery card under 200 ms at p50"
        : `\nOVER 200 ms at p50: ${over.map((t) => t.name).join(", ")}${
            over.every((t) => t.cpu !== null && t.cpu < 200)
              ? " (each under 200 ms of CPU: the machine is busy)"
              : ""
          }`,
    );
  } finally {
    await bot.close();
    await turso?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runCampaignBench();
