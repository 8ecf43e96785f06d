// The outside a newcomer meets first: `npm start` with no settings, a bad setting, `npm run chat`, `npm run job`.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const dir = mkdtempSync(join(tmpdir(), "andu-scripts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A clean environment: only what a fresh machine has, plus the given settings. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

function run(args: string[], extra: Record<string, string>, input = "") {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(tsx, args, { cwd: dir, env: env(extra) });
    child.stdin.end(input);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${seen}`)), 20_000);
    child.stdout?.on("data", (d) => {
      seen += d;
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

describe("npm start", () => {
  it("with no settings serves /healthz and refuses /feishu/events", async () => {
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const child = spawn(tsx, [join(root, "src/node.ts")], {
      cwd: dir,
      env: env({ PORT: port, DATABASE_URL: `file:${join(dir, "start.db")}` }),
    });
    try {
      await waitForLine(child, /安督 started/);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, mode: "local" });
      const event = await fetch(`http://127.0.0.1:${port}/feishu/events`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "url_verification", challenge: "x", token: "t" }),
      });
      expect(event.status).toBe(401);
    } finally {
      child.kill("SIGTERM");
    }
  }, 30_000);

  it("stops with one sentence naming a bad setting", async () => {
    const result = await run([join(root, "src/node.ts")], {
      PORT: "eighty",
      DATABASE_URL: `file:${join(dir, "bad.db")}`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("PORT");
  }, 30_000);
});

describe("npm run chat", () => {
  it("one exchange prints the reply card as text, with its target", async () => {
    const result = await run([join(root, "scripts/chat.ts"), "/帮助"], {
      DATABASE_URL: `file:${join(dir, "chat.db")}`,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/── 回复 om_local_\S+（interactive）/);
    expect(result.stdout).toContain("【安督能做什么】");
    expect(result.stdout).toContain("/帮助");
  }, 30_000);

  it("a command the bot cannot read prints the error card with the right form", async () => {
    const result = await run([join(root, "scripts/chat.ts"), "/帮助 「没闭合"], {
      DATABASE_URL: `file:${join(dir, "chat.db")}`,
    });
    expect(result.stdout).toContain("【没看懂这条命令】");
    expect(result.stdout).toContain("/帮助 [命令]");
  }, 30_000);
});

describe("npm run chat, interactive", () => {
  it("a form card is filled and submitted with #N, keeping what the card had pre-filled", async () => {
    const input = [
      "/隐患 新增 单位=应急办",
      '#1 enterprise=某某加油站 sector=危险化学品 description=储罐区未设防雷 measures=加装防雷 deadline="2030-12-31 +0800"',
      "/隐患 列表",
      "",
    ].join("\n");
    const result = await run(
      [join(root, "scripts/chat.ts")],
      { DATABASE_URL: `file:${join(dir, "form.db")}` },
      input,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("【登记重大事故隐患】");
    expect(result.stdout).toMatch(/── 提示：已登记 YH-\d{4}-0001/);
    expect(result.stdout).toMatch(/YH-\d{4}-0001 \| 应急办 \| 某某加油站 \| 危险化学品/);
  }, 30_000);
});

describe("npm run job", () => {
  it("an unknown job is refused with the list of jobs", async () => {
    const result = await run([join(root, "scripts/job.ts"), "no-such-job"], {
      DATABASE_URL: `file:${join(dir, "job.db")}`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("没有名为「no-such-job」的任务");
  }, 30_000);

  it("a malformed --at is refused with the form to use", async () => {
    const result = await run([join(root, "scripts/job.ts"), "weekly-dispatch", "--at", "monday"], {
      DATABASE_URL: `file:${join(dir, "job.db")}`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--at 的时间「monday」看不懂");
  }, 30_000);
});
