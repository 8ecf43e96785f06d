// Exactly once across real processes: two `npm run job -- tick` at the same moment on one database post each
// card once; a tick killed between its claim and its send loses nothing, and the next run sends what it stored.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { APP_ID, GROUP_CHAT } from "./support/events";
import { type FakeOpenApi, startFakeOpenApi } from "./support/fake-open-api";

const root = join(import.meta.dirname, "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const dir = mkdtempSync(join(tmpdir(), "andu-jobs-"));
const AT = "2023-07-03T09:00:00+08:00"; // 周调度 for W26 and 月小结 for June are both due
let fake: FakeOpenApi;
let db = "";
let serial = 0;

beforeAll(async () => {
  fake = await startFakeOpenApi();
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => fake.reset());

function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: `file:${db}`,
    FEISHU_APP_ID: APP_ID,
    FEISHU_APP_SECRET: "test-secret",
    FEISHU_DOMAIN: fake.url,
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
      const deadline = Date.now() + 30_000;
      for (;;) {
        const claims = await client.execute("select job, period from job_claims");
        if (claims.rows.length > 0) break;
        if (Date.now() > deadline) throw new Error("the first tick never claimed");
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 300));
      process.kill(-(first.child.pid ?? 0), "SIGKILL");
      await first.done;
      expect(groupTitles()).toEqual([]);
      const claims = await client.execute("select job, period from job_claims");
      expect(claims.rows.map((r) => `${r.job} ${r.period}`)).toEqual(["weekly-dispatch 2023-W26"]);
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
