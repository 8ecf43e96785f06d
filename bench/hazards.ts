// Benchmark of the ledger's reads at scale: 100,000 hazards in a LibSQL file built by the real migrations, then
// the store queries behind `/隐患 列表` (each filter) and `/隐患 查看`, timed against a baseline measured in the
// same run (SELECT 1 and a primary-key lookup), with each query's EXPLAIN QUERY PLAN so the indexes show.
// Runs alone (`npx tsx bench/hazards.ts`) or from bench/run.ts; never part of npm test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { enterprises, hazards, members, units } from "../db/schema";
import { duplicateSince, foldDescription } from "../src/domain/hazard-duplicates";
import type { HAZARD_STATUSES } from "../src/domain/hazard-lifecycle";
import { migrateDatabase, openDatabase } from "../src/node/database";
import { memberNames } from "../src/store/hazard-audience";
import { duplicateCandidates } from "../src/store/hazard-duplicates";
import { type HazardFilter, type HazardScope, listHazards, listHazardsSql } from "../src/store/hazard-list";
import { getHazardDetail } from "../src/store/hazards";
import { seedReferenceData } from "../src/store/reference";
import { insertHazards, pad, random } from "./support/seeding";

const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const VILLAGES = 20;
const ENTERPRISES = 400;
const TODAY = "2023-09-15";

/** The i-th seeded hazard's description: each its own, as a township's are. */
const describe = (i: number) => `第 ${i + 1} 条隐患：仓库未设置防雷设施，消防通道堆放杂物，需要限期整改。`;

async function seed(database: Database): Promise<{ unitIds: number[] }> {
  const { db } = database;
  await seedReferenceData(db);
  await db
    .insert(units)
    .values(
      Array.from({ length: VILLAGES }, (_, i) => ({ name: `村${pad(i + 1, 2)}`, kind: "村居" as const })),
    );
  const unitIds = (await db.select({ id: units.id }).from(units)).map((u) => u.id);
  const rnd = random(7);
  const pickOf = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  await db.insert(enterprises).values(
    Array.from({ length: ENTERPRISES }, (_, i) => ({
      name: `企业${pad(i + 1, 4)}`,
      unitId: pickOf(unitIds),
      sectorId: 1 + Math.floor(rnd() * 15),
      headName: `负责人${i + 1}`,
    })),
  );
  await db.insert(members).values(
    Array.from({ length: 50 }, (_, i) => ({
      openId: `ou_bench${pad(i, 4)}`,
      name: `干部${i}`,
      role: "干部" as const,
      unitId: pickOf(unitIds),
      boundBy: "bench",
    })),
  );
  const statusWeights: [(typeof HAZARD_STATUSES)[number], number][] = [
    ["待整改", 0.2],
    ["整改中", 0.25],
    ["待验收", 0.15],
    ["已销号", 0.4],
  ];
  const pickStatus = () => {
    let r = rnd();
    for (const [status, w] of statusWeights) {
      if (r < w) return status;
      r -= w;
    }
    return "已销号" as const;
  };
  await insertHazards(db, HAZARDS, (i, { hazards: rows, events, postings }) => {
    const linked = rnd() < 0.6;
    const enterpriseId = linked ? 1 + Math.floor(rnd() * ENTERPRISES) : null;
    const day = Math.floor(rnd() * 420);
    const deadline = new Date(Date.UTC(2023, 4, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const status = pickStatus();
    const at = Date.UTC(2023, 4, 1) + i * 60_000;
    rows.push({
      id: i + 1,
      number: `YH-2023-${pad(i + 1, 6)}`,
      unitId: pickOf(unitIds),
      enterpriseId,
      enterpriseName: enterpriseId
        ? `企业${pad(enterpriseId, 4)}`
        : `项目${pad(Math.floor(rnd() * 3000), 4)}`,
      sectorId: 1 + Math.floor(rnd() * 15),
      description: describe(i),
      // as createHazard writes it: the duplicate check seeks by it
      descriptionKey: foldDescription(describe(i)),
      measures: "立即清理通道，安装防雷设施，完善制度。",
      deadline,
      source: pickOf(["企业自查", "部门检查", "举报"] as const),
      level: rnd() < 0.8 ? "重大" : "一般",
      status,
      reportedBy: `ou_bench${pad(Math.floor(rnd() * 50), 4)}`,
      createdAt: at,
      updatedAt: at,
    });
    if (rnd() < 0.1) {
      postings.push({
        hazardId: i + 1,
        level: pickOf(["镇级", "县级", "市级"] as const),
        doc: `兴安委办〔2023〕${i}号`,
        postedOn: deadline,
        dueOn: deadline,
        postedBy: "ou_bench0000",
        postedAt: at,
      });
    }
    const n = 1 + Math.floor(rnd() * 5) + (i % 997 === 0 ? 60 : 0);
    for (let e = 0; e < n; e++) {
      events.push({
        hazardId: i + 1,
        at: at + e * 3_600_000,
        actor: `ou_bench${pad(Math.floor(rnd() * 50), 4)}`,
        kind: e === 0 ? "created" : "progress",
        note: e === 0 ? null : `第 ${e} 次整改进展：已清理部分杂物。`,
      });
    }
  });
  return { unitIds };
}

interface Timing {
  name: string;
  p50: number;
  p99: number;
  mean: number;
}

async function time(name: string, run: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 20; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return { name, p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

async function plan(database: Database, query: { sql: string; params: unknown[] }): Promise<string[]> {
  const result = await database.client.execute({
    sql: `EXPLAIN QUERY PLAN ${query.sql}`,
    args: query.params as (string | number | null)[],
  });
  return result.rows.map((r) => String(r.detail));
}

export async function runHazardBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "andu-bench-hazards-"));
  const database = await openDatabase(`file:${join(dir, "bench.db")}`);
  try {
    await migrateDatabase(database);
    const seeded = performance.now();
    const { unitIds } = await seed(database);
    console.log(
      `\n/隐患 列表 and 查看 over ${HAZARDS.toLocaleString("en")} hazards (seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s), ${RUNS} runs each, ms\n`,
    );
    const { db } = database;
    const unitId = unitIds[3]!;
    const cases: [string, HazardFilter, HazardScope][] = [
      ["列表 (no filter)", {}, {}],
      ["列表 单位=", { unitId }, {}],
      ["列表 领域=", { sectorId: 2 }, {}],
      ["列表 状态=整改中", { status: "整改中" }, {}],
      ["列表 状态=已销号", { status: "已销号" }, {}],
      ["列表 企业= (registered)", { enterpriseId: 17 }, {}],
      ["列表 企业= (free text)", { enterpriseName: "项目0042" }, {}],
      ["列表 超期", { overdueOn: TODAY }, {}],
      ["列表 单位= 领域= 超期", { unitId, sectorId: 2, overdueOn: TODAY }, {}],
      ["列表 干部 scope 状态=待验收", { status: "待验收" }, { unitId }],
      ["列表 (no filter) page 50", {}, {}],
    ];
    const baseline = await time("baseline SELECT 1", () => db.run(sql`SELECT 1`));
    const pk = await time("baseline PK lookup", (i) =>
      db
        .select()
        .from(hazards)
        .where(eq(hazards.id, 1 + ((i * 7919) % HAZARDS)))
        .get(),
    );
    const timings: Timing[] = [baseline, pk];
    const plans: [string, string[], string[]][] = [];
    for (const [name, filter, scope] of cases) {
      const page = name.endsWith("page 50") ? 50 : 0;
      timings.push(await time(name, () => listHazards(db, filter, scope, page)));
      const q = listHazardsSql(db, filter, scope, page);
      plans.push([name, await plan(database, q.page), await plan(database, q.count)]);
    }
    timings.push(
      await time("查看 (hazard + 10 events + names)", async (i) => {
        const number = `YH-2023-${pad(1 + ((i * 7919) % HAZARDS), 6)}`;
        const detail = await getHazardDetail(db, number);
        await memberNames(db, [detail!.hazard.reportedBy, ...detail!.events.map((e) => e.actor)]);
      }),
    );
    // The duplicate check of 新增 reads the open hazards logged in the 7 days before now: here the newest
    // hazard's time, with one logged a minute (far above a township's pace) 10,080 in the window.
    const newest = Date.UTC(2023, 4, 1) + (HAZARDS - 1) * 60_000;
    timings.push(
      await time("新增 duplicate check (7 days)", async () => {
        await duplicateCandidates(db, {
          since: duplicateSince(newest),
          enterpriseId: 17,
          enterpriseName: "企业0017",
          description: describe(HAZARDS - 1),
        });
      }),
    );
    timings.push(
      await time("查看 (a hazard with 61+ events)", async () => {
        await getHazardDetail(db, `YH-2023-${pad(1 + 997 * 3, 6)}`);
      }),
    );
    console.log(
      `${"query".padEnd(36)} ${"p50".padStart(8)} ${"p99".padStart(8)} ${"mean".padStart(8)} ${"p50/SELECT1".padStart(12)} ${"p50/PK".padStart(8)}`,
    );
    for (const t of timings) {
      console.log(
        `${t.name.padEnd(36)} ${t.p50.toFixed(3).padStart(8)} ${t.p99.toFixed(3).padStart(8)} ${t.mean.toFixed(3).padStart(8)} ${(t.p50 / baseline.p50).toFixed(1).padStart(12)} ${(t.p50 / pk.p50).toFixed(1).padStart(8)}`,
      );
    }
    const over = timings.filter((t) => t.p99 > 50);
    console.log(
      over.length === 0
        ? "\nevery query under 50 ms at p99"
        : `\nOVER 50 ms: ${over.map((t) => t.name).join(", ")}`,
    );
    console.log("\nEXPLAIN QUERY PLAN (page query | count query)");
    for (const [name, pagePlan, countPlan] of plans) {
      console.log(`- ${name}\n    page:  ${pagePlan.join(" / ")}\n    count: ${countPlan.join(" / ")}`);
    }
    const detailPlan = await plan(database, {
      sql: "SELECT * FROM hazard_events WHERE hazard_id = ? ORDER BY at DESC, id DESC LIMIT 10",
      params: [1],
    });
    console.log(`- 查看 events: ${detailPlan.join(" / ")}`);
    const viewPlan = await plan(database, {
      sql: "SELECT * FROM hazards WHERE number = ?",
      params: ["YH-2023-000001"],
    });
    console.log(`- 查看 hazard: ${viewPlan.join(" / ")}`);
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runHazardBench();
