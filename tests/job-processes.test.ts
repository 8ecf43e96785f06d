// Exactly once across real processes: two `npm run job -- tick` at the same moment on one database post each
// card once, and send each person's reminder card once; a tick killed between its claim and its send, or a
// reminders run killed half-way, loses nothing, and the next run sends what it stored and nothing twice.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { jobClaims } from "../db/schema";
import { APP_ID, GROUP_CHAT } from "./support/events";
import { type FakeOpenApi, startFakeOpenApi } from "./support/fake-open-api";
import { addEnterprise, bind } from "./support/ledger";
import {
  allItems,
  CADRE,
  HEAD,
  OTHER,
  type ReminderBot,
  recipientsOf,
  reminderCardsIn,
  startReminderBot,
} from "./support/reminders";

const root = join(import.meta.dirname, "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const dir = mkdtempSync(join(tmpdir(), "andu-jobs-"));
const AT = "2023-07-03T09:00:00+08:00"; // 周调度 for W26 and 月小结 for June are both due
let fake: FakeOpenApi;
let db = "";
/** the fake Feishu the processes talk to: this file's, or a reminder bot's */
let feishu = "";
let serial = 0;

beforeAll(async () => {
  fake = await startFakeOpenApi();
  feishu = fake.url;
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  fake.reset();
  feishu = fake.url;
});

function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: `file:${db}`,
    FEISHU_APP_ID: APP_ID,
    FEISHU_APP_SECRET: "test-secret",
    FEISHU_DOMAIN: feishu,
    FEISHU_GROUP_CHAT_ID: GROUP_CHAT,
  };
}

function start(
  script: string,
  args: string[],
): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  // Its own process group: tsx runs the script in a child process, and a kill must reach both.
  const child = spawn(tsx, [join(root, script), ...args], { cwd: dir, env: env(), detached: true });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, out })),
  );
  return { child, done };
}

async function freshDatabase() {
  serial += 1;
  db = join(dir, `jobs-${serial}.db`);
  const migrated = await start("scripts/migrate.ts", []).done;
  expect(migrated.code).toBe(0);
}

/** Polls the database until `check` holds (a process got that far), or fails saying what never happened. */
async function waitUntil(check: () => Promise<boolean>, never: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(never);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function groupTitles(): string[] {
  return fake.messages
    .filter((m) => m.receive_id === GROUP_CHAT)
    .map((m) => (m.content as Card).header?.title.content ?? "")
    .sort();
}

describe("two ticks at once, as two processes", () => {
  it("post each due card once", async () => {
    await freshDatabase();
    const [a, b] = await Promise.all([
      start("scripts/job.ts", ["tick", "--at", AT]).done,
      start("scripts/job.ts", ["tick", "--at", AT]).done,
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(groupTitles()).toEqual(["周调度", "月小结"].sort());
    const both = a.out + b.out;
    expect(both.match(/weekly-dispatch（周调度）2023-W26：已发到调度群/g)).toHaveLength(1);
    expect(both.match(/weekly-dispatch（周调度）2023-W26：这一期已经发过/g)).toHaveLength(1);
    expect(both.match(/monthly-summary（月小结）2023-06：已发到调度群/g)).toHaveLength(1);
  }, 60_000);
});

describe("a tick killed between its claim and its send", () => {
  it("loses nothing: the next run sends the stored card, and posts nothing twice", async () => {
    await freshDatabase();
    // Feishu's token endpoint never answers: the first process stores its claim and card, then hangs sending.
    for (let i = 0; i < 10; i++) fake.holdNext(120_000, /\/open-apis\/auth\//);
    const first = start("scripts/job.ts", ["tick", "--at", AT]);
    const client = createClient({ url: `file:${db}` });
    try {
      // the reminders run first (08:30 is past) and, with nothing due, claims its day at once
      await waitUntil(
        async () =>
          (await client.execute("select job from job_claims where job <> 'reminders'")).rows.length > 0,
        "the first tick never claimed",
      );
      await new Promise((r) => setTimeout(r, 300));
      process.kill(-(first.child.pid ?? 0), "SIGKILL");
      await first.done;
      expect(groupTitles()).toEqual([]);
      const claims = await client.execute("select job, period from job_claims order by job");
      expect(claims.rows.map((r) => `${r.job} ${r.period}`)).toEqual([
        "reminders 2023-07-03",
        "weekly-dispatch 2023-W26",
      ]);
      const stored = await client.execute("select status from outbox where receive_id = ?", [GROUP_CHAT]);
      expect(stored.rows.map((r) => r.status)).toEqual(["pending"]);
      // A minute on, the dead process's lease on the row has run out.
      await client.execute(
        "update outbox set next_attempt_at = 0, leased_until = null where status = 'pending'",
      );
    } finally {
      client.close();
    }
    fake.reset();
    const second = await start("scripts/job.ts", ["tick", "--at", AT]).done;
    expect(second.code).toBe(0);
    expect(second.out).toContain("weekly-dispatch（周调度）2023-W26：这一期已经发过");
    expect(second.out).toContain("monthly-summary（月小结）2023-06：已发到调度群");
    expect(groupTitles()).toEqual(["周调度", "月小结"].sort());
  }, 90_000);
});

/**
 * A reminder bot's database with one hazard due in three days for two 干部 and the enterprise's head, logged by
 * command; the processes use its database and its fake Feishu.
 */
async function reminderMorning(): Promise<ReminderBot> {
  const r = await startReminderBot();
  const enterpriseId = await addEnterprise(r.h, "东风加油站", "应急办", 5);
  await bind(r.h, CADRE, "干部", { name: "李干部", unit: "应急办" });
  await bind(r.h, HEAD, "企业负责人", { name: "王老板", enterpriseId });
  await bind(r.h, OTHER, "干部", { name: "赵干部", unit: "应急办" });
  await r.h.ask(
    "/隐患 新增 单位=应急办 企业=东风加油站 领域=危险化学品 描述=储罐区未设防雷设施 措施=加装防雷接地 期限=2023-07-06 等级=一般 来源=企业自查",
    { createTime: r.at("2023-07-03", "08:00") },
  );
  db = join(r.h.dir, "andu.db");
  feishu = r.h.fake.url;
  return r;
}

describe("two ticks at once on a reminders morning, as two processes", () => {
  it("send each person's reminder card once and claim the day once", async () => {
    const r = await reminderMorning();
    try {
      const before = r.h.fake.messages.length;
      const at = "2023-07-03T08:30:00+08:00";
      const [a, b] = await Promise.all([
        start("scripts/job.ts", ["tick", "--at", at]).done,
        start("scripts/job.ts", ["tick", "--at", at]).done,
      ]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const sent = r.h.fake.messages.slice(before);
      expect(recipientsOf(sent)).toEqual([CADRE, HEAD, OTHER].sort());
      expect(reminderCardsIn(sent)).toHaveLength(3);
      expect((await allItems(r.h)).map((i) => i.recipient).sort()).toEqual([CADRE, HEAD, OTHER].sort());
      const claims = await r.h.bot.deps.db.select().from(jobClaims);
      expect(claims.map((c) => `${c.job} ${c.period}`)).toEqual(["reminders 2023-07-03"]);
      expect(a.out + b.out).toMatch(/reminders（每日提醒）2023-07-03：(发出提醒卡|这一期已经发过)/);
      // a third run by hand that morning: the day is claimed, nothing more goes out
      const third = await start("scripts/job.ts", ["reminders", "--at", "2023-07-03T10:00:00+08:00"]).done;
      expect(third.out).toContain("reminders（每日提醒）2023-07-03：这一期已经发过");
      expect(reminderCardsIn(r.h.fake.messages.slice(before))).toHaveLength(3);
    } finally {
      await r.h.close();
    }
  }, 90_000);
});

describe("a reminders run killed after its first card was stored", () => {
  it("loses nothing and sends nothing twice: the next tick sends the stored card and the others, then claims the day", async () => {
    const r = await reminderMorning();
    try {
      const at = "2023-07-03T08:30:00+08:00";
      // Feishu's token endpoint never answers: the run stores its first card with its items, then hangs sending it.
      for (let i = 0; i < 10; i++) r.h.fake.holdNext(120_000, /\/open-apis\/auth\//);
      const first = start("scripts/job.ts", ["tick", "--at", at]);
      const client = createClient({ url: `file:${db}` });
      try {
        await waitUntil(
          async () => (await client.execute("select id from reminder_cards")).rows.length > 0,
          "the first tick never stored a card",
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        process.kill(-(first.child.pid ?? 0), "SIGKILL");
        await first.done;
        expect(reminderCardsIn(r.h.fake.messages)).toEqual([]);
        const cards = await client.execute("select recipient from reminder_cards");
        expect(cards.rows).toHaveLength(1);
        const items = await client.execute("select recipient from reminder_items");
        expect(items.rows.map((row) => row.recipient)).toEqual([cards.rows[0]!.recipient]);
        const claims = await client.execute("select job from job_claims where job = 'reminders'");
        expect(claims.rows).toEqual([]); // the run never finished: the next tick runs it again
        // A minute on, the dead process's lease on the row has run out.
        await client.execute(
          "update outbox set next_attempt_at = 0, leased_until = null where status = 'pending'",
        );
      } finally {
        client.close();
      }
      r.h.fake.reset();
      const second = await start("scripts/job.ts", ["tick", "--at", "2023-07-03T08:31:00+08:00"]).done;
      expect(second.code).toBe(0);
      expect(second.out).toContain("reminders（每日提醒）2023-07-03：发出提醒卡 2 张，共 2 项");
      expect(reminderCardsIn(r.h.fake.messages)).toHaveLength(3);
      expect(recipientsOf(r.h.fake.messages)).toEqual([CADRE, HEAD, OTHER].sort());
      expect((await allItems(r.h)).map((i) => i.recipient).sort()).toEqual([CADRE, HEAD, OTHER].sort());
      const claims = await r.h.bot.deps.db.select().from(jobClaims);
      expect(claims.map((c) => `${c.job} ${c.period}`)).toEqual(["reminders 2023-07-03"]);
    } finally {
      await r.h.close();
    }
  }, 90_000);
});
