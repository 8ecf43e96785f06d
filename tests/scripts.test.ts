// The outside a newcomer meets first: `npm start` with no settings, a bad setting, `npm run chat`, `npm run job`.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clockAt, clockFlags, type ShiftedClock } from "./support/process-clock";

const root = join(import.meta.dirname, "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const dir = mkdtempSync(join(tmpdir(), "andu-scripts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A clean environment: only what a fresh machine has, plus the given settings. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

/** tsx running `args`; on `clock` when given (the real date when not). */
function run(args: string[], extra: Record<string, string>, input = "", clock?: ShiftedClock) {
  const flags = clockFlags(clock);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(tsx, [...flags.args, ...args], { cwd: dir, env: env({ ...extra, ...flags.env }) });
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

  it("stops on SIGTERM with one log line", async () => {
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const child = spawn(tsx, [join(root, "src/node.ts")], {
      cwd: dir,
      env: env({ PORT: port, DATABASE_URL: `file:${join(dir, "stop.db")}` }),
    });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    await waitForLine(child, /安督 started/);
    const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
    child.kill("SIGTERM");
    // tsx relays the signal to the service, which finishes its work in hand, says so once, and exits.
    await closed;
    const stopped = stdout.split("\n").filter((l) => l.includes("安督 stopped"));
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toContain("signal=SIGTERM");
  }, 30_000);

  it("a busy port is one sentence, like every other bad setting", async () => {
    const holder = createServer();
    const port = await new Promise<number>((resolve) =>
      holder.listen(0, "0.0.0.0", () => resolve((holder.address() as { port: number }).port)),
    );
    try {
      const result = await run([join(root, "src/node.ts")], {
        PORT: String(port),
        DATABASE_URL: `file:${join(dir, "busy.db")}`,
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toEqual([
        `端口 ${port} 已被占用：请停掉占用它的程序，或设置 PORT= 换一个端口后重新启动。`,
      ]);
      expect(result.stdout).not.toContain("安督 started");
    } finally {
      holder.close();
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
    // the target, then the message's own id (to press its buttons later with #<id> N)
    expect(result.stdout).toMatch(/── 回复 om_local_\S+（interactive，local_\S+）/);
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

/**
 * The chats that log hazards run on 10 June 2026 (./support/process-clock.ts), whatever the real date: the
 * numbers' year is the chat's (one year, even when the tests run across New Year's midnight), and 期限 in 2030
 * stays ahead.
 */
const chatClock = clockAt(Date.parse("2026-06-10T10:00:00+08:00"));
const year = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(
  chatClock.now(),
);

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
      chatClock,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("【登记重大事故隐患】");
    expect(result.stdout).toContain(`── 提示：已登记 YH-${year}-0001`);
    expect(result.stdout).toContain(`YH-${year}-0001 | 应急办 | 某某加油站 | 危险化学品`);
  }, 30_000);
});

describe("npm run chat reaches all that Feishu can", () => {
  const full =
    "/隐患 新增 单位=应急办 企业=某某加油站 领域=危险化学品 描述=储罐区 未设防雷 措施=加装防雷 期限=2030-12-31";

  it("/file hands over a roster for /企业 导入, read here and downloaded the same way", async () => {
    const roster = join(dir, "roster.csv");
    writeFileSync(roster, "名称,单位,领域,负责人,电话\n曾家五金店,应急办,危险化学品,曾 勇,13800000002\n");
    const input = ["/企业 导入", `/file ${roster}`, "/企业 查看 曾家五金店", ""].join("\n");
    const result = await run(
      [join(root, "scripts/chat.ts")],
      { DATABASE_URL: `file:${join(dir, "file.db")}` },
      input,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("【企业导入完成】 roster.csv");
    expect(result.stdout).toContain("新增：曾家五金店");
    expect(result.stdout).toContain("曾 勇");
  }, 60_000);

  it("--image with a command attaches the photo to the hazard", async () => {
    const db = `file:${join(dir, "image.db")}`;
    const photo = join(dir, "photo.png");
    writeFileSync(photo, "not really a png, but bytes");
    await run([join(root, "scripts/chat.ts"), full], { DATABASE_URL: db }, "", chatClock);
    const result = await run(
      [join(root, "scripts/chat.ts"), "--image", photo, `/隐患 进展 YH-${year}-0001 已拆除一半`],
      { DATABASE_URL: db },
      "",
      chatClock,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("报进展：已拆除一半");
    expect(result.stdout).toMatch(/\[图片 img_local_[0-9a-f]{16}\]/);
  }, 60_000);

  it("#N fills a form by its Chinese labels, as the bot's toasts name them", async () => {
    const input = [
      "/隐患 新增 单位=应急办",
      "#1 企业=某某加油站 领域=危险化学品 描述=储罐区 未设防雷 措施=加装防雷 期限=2030-12-31",
      "#1 层级=省级",
      "",
    ].join("\n");
    const result = await run(
      [join(root, "scripts/chat.ts")],
      { DATABASE_URL: `file:${join(dir, "labels.db")}` },
      input,
      chatClock,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`── 提示：已登记 YH-${year}-0001`);
    expect(result.stdout).toContain("重大隐患描述：储罐区 未设防雷");
    // A key the form does not have is named with the fields it has; nothing is pressed.
    expect(result.stdout).toContain(
      "这张表单没有「层级」这一项。可填：note（进展、说明或验收意见（退回时必填））",
    );
  }, 60_000);

  it("#N presses the last card with buttons, never the greyed older card printed after it", async () => {
    const input = [full, `/隐患 查看 YH-${year}-0001`, "#1 进展=已采购设备", ""].join("\n");
    const result = await run(
      [join(root, "scripts/chat.ts")],
      { DATABASE_URL: `file:${join(dir, "stub.db")}` },
      input,
      chatClock,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`── 更新卡片 \\S+（interactive）\\n【隐患 YH-${year}-0001】`));
    expect(result.stdout).toContain("这张卡片已有更新的一张");
    expect(result.stdout).toContain("── 提示：已记录整改进展。");
    expect(result.stdout).not.toContain("没有这个按钮");
  }, 60_000);

  it("an admin presses the bind request card another person's exchange sent them, by its message id", async () => {
    const db = `file:${join(dir, "bind.db")}`;
    const asked = await run(
      [
        join(root, "scripts/chat.ts"),
        "--user",
        "ou_zhang",
        "--chat",
        "p2p_zhang",
        "/绑定 角色=干部 单位=应急办",
      ],
      { DATABASE_URL: db },
    );
    const card = /── 发给 ou_local_admin（interactive，(\S+)）/.exec(asked.stdout);
    expect(card).not.toBeNull();
    const decided = await run([join(root, "scripts/chat.ts"), `#${card![1]} 1`], { DATABASE_URL: db });
    expect(decided.code).toBe(0);
    expect(decided.stdout).toContain("── 提示：已同意");
    expect(decided.stdout).toContain("── 发给 p2p_zhang");
  }, 60_000);
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

  it("with no job named it shows the usage and the jobs, not an empty name", async () => {
    const result = await run([join(root, "scripts/job.ts")], { DATABASE_URL: `file:${join(dir, "job.db")}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("用法：npm run job -- <任务名>");
    expect(result.stderr).toContain("可运行的任务：tick、reminders");
    expect(result.stderr).not.toContain("没有名为「」");
  }, 30_000);

  it("an --at without an offset is the local time in APP_TIMEZONE", async () => {
    const result = await run([join(root, "scripts/job.ts"), "reminders", "--at", "2023-07-03T08:30"], {
      DATABASE_URL: `file:${join(dir, "job.db")}`,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("reminders（每日提醒）2023-07-03");
    expect(result.stdout).toContain("时钟：2023-07-03 08:30，Asia/Shanghai");
  }, 30_000);
});
