// `npm run doctor` as a real process against the fake Open API: a good setup passes, and a wrong App Secret, a
// missing contact scope and a missing download scope are each named with the console step that fixes them.
// Also the same checks at start: one warning per problem.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config";
import { warnAboutSetup } from "../src/doctor/run";
import { createLarkClient } from "../src/feishu/client";
import { memoryLogger } from "../src/logger";
import { migrateDatabase, openDatabase } from "../src/node/database";
import { APP_ID, ENCRYPT_KEY, VERIFICATION_TOKEN } from "./support/events";
import { type FakeOpenApi, startFakeOpenApi } from "./support/fake-open-api";
import { ADMIN } from "./support/harness";

const root = join(import.meta.dirname, "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const SECRET = "right-secret";
const GROUP = "oc_town000000000000000000000000001";
/** The scopes the README's table tells the operator to add (its optional row aside): the doctor must pass on them. */
const README_SCOPES = readmeScopes();

function readmeScopes(): string[] {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("**3. Scopes.**"), readme.indexOf("**4. Contact range"));
  const rows = table.split("\n").filter((l) => l.startsWith("| `"));
  return rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1] ?? "");
}

let fake: FakeOpenApi;
let dir: string;
let databaseUrl: string;

beforeAll(async () => {
  fake = await startFakeOpenApi({ appId: APP_ID, appSecret: SECRET });
  dir = mkdtempSync(join(tmpdir(), "andu-doctor-"));
  databaseUrl = `file:${join(dir, "andu.db")}`;
  const database = await openDatabase(databaseUrl);
  await migrateDatabase(database);
  database.close();
});

afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  fake.reset();
  fake.setScopes(README_SCOPES);
  fake.addUser(ADMIN, "王安委");
  fake.addChat(GROUP, true);
});

function settings(extra: Record<string, string> = {}): Record<string, string> {
  return {
    FEISHU_APP_ID: APP_ID,
    FEISHU_APP_SECRET: SECRET,
    FEISHU_DOMAIN: fake.url,
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    FEISHU_GROUP_CHAT_ID: GROUP,
    ADMIN_OPEN_IDS: ADMIN,
    DATABASE_URL: databaseUrl,
    ...extra,
  };
}

/** Runs `npm run doctor`'s script in a clean environment (cwd without a .env) and returns its lines. */
function doctor(extra: Record<string, string> = {}) {
  return new Promise<{ code: number | null; lines: string[]; stderr: string }>((resolve) => {
    const child = spawn(tsx, [join(root, "scripts/doctor.ts")], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...settings(extra) },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) =>
      resolve({ code, lines: stdout.split("\n").filter((l) => /^[✓✗!] /.test(l)), stderr }),
    );
  });
}

const line = (lines: string[], check: string) => lines.find((l) => l.slice(2).startsWith(`${check}：`));

describe("npm run doctor", () => {
  it("passes a setup that follows the README, one ✓ line per check, and sends nothing", async () => {
    expect(README_SCOPES).toContain("im:message:readonly");
    expect(README_SCOPES).toHaveLength(8);
    const { code, lines, stderr } = await doctor();
    expect(stderr).toBe("");
    expect(lines.map((l) => l.slice(0, 1))).toEqual(Array(lines.length).fill("✓"));
    expect(lines.map((l) => l.slice(2).split("：")[0])).toEqual([
      "模式",
      "Webhook 密钥",
      "数据库",
      "应用凭证",
      "机器人能力",
      "发消息权限",
      "下载权限",
      "上传权限",
      "群组权限",
      "调度群",
      "通讯录权限",
      "通讯录范围与姓名",
    ]);
    expect(line(lines, "通讯录范围与姓名")).toContain("王安委");
    expect(line(lines, "调度群")).toContain(GROUP);
    expect(code).toBe(0);
    expect(fake.messages).toEqual([]);
  }, 60_000);

  it("names a wrong App Secret as such, with the console step, and exits 1", async () => {
    const { code, lines } = await doctor({ FEISHU_APP_SECRET: "not-the-secret" });
    expect(line(lines, "应用凭证")).toBe(
      "✗ 应用凭证：App Secret 不对（飞书答 10014 app secret invalid） → 开发者后台 → 凭证与基础信息：复制 App Secret（重置过就复制新的）到 FEISHU_APP_SECRET，然后重启服务",
    );
    // Without a token nothing else about Feishu can be known: no line pretends to.
    expect(line(lines, "机器人能力")).toBeUndefined();
    expect(code).toBe(1);
  }, 60_000);

  it("names a missing contact scope from permission_violations, and exits 1", async () => {
    fake.setScopes(README_SCOPES.filter((s) => !s.startsWith("contact:")));
    const { code, lines } = await doctor();
    expect(line(lines, "通讯录权限")).toBe(
      "✗ 通讯录权限：缺少权限（任一即可：contact:contact.base:readonly、contact:contact:access_as_app、contact:contact:readonly、contact:contact:readonly_as_app），按 open_id 查成员做不到 → 开发者后台 → 权限管理 → 开通 contact:contact.base:readonly（获取通讯录基本信息），再创建版本并请管理员审核发布",
    );
    expect(line(lines, "下载权限")?.startsWith("✓")).toBe(true);
    expect(lines.filter((l) => l.startsWith("✗")).map((l) => l.slice(2).split("：")[0])).toEqual([
      "通讯录权限",
      "通讯录范围与姓名",
    ]);
    expect(code).toBe(1);
  }, 60_000);

  it("names a missing download scope (im:resource does not cover it), and exits 1", async () => {
    fake.setScopes(README_SCOPES.filter((s) => s !== "im:message:readonly"));
    const { code, lines } = await doctor();
    expect(line(lines, "下载权限")).toBe(
      "✗ 下载权限：缺少权限（任一即可：im:message、im:message:readonly、im:message.history:readonly），取用户发来的照片和导入表格做不到 → 开发者后台 → 权限管理 → 开通 im:message:readonly（获取单聊、群组消息），再创建版本并请管理员审核发布",
    );
    expect(lines.filter((l) => l.startsWith("✗"))).toHaveLength(1);
    expect(code).toBe(1);
  }, 60_000);

  it("says what is missing on the way: no bot capability, bot not in the group, no name field", async () => {
    fake.setBotCapability(false);
    let { lines } = await doctor();
    expect(line(lines, "机器人能力")).toMatch(
      /^✗ 机器人能力：应用没有机器人能力 → 开发者后台 → 添加应用能力 → 机器人/,
    );
    fake.reset();
    fake.setScopes(README_SCOPES.filter((s) => s !== "contact:user.base:readonly"));
    fake.addUser(ADMIN, "王安委");
    fake.addChat(GROUP, false);
    ({ lines } = await doctor());
    expect(line(lines, "调度群")).toMatch(
      /^✗ 调度群：机器人不在群 .* → 在调度群里：设置 → 群机器人 → 添加机器人/,
    );
    expect(line(lines, "通讯录范围与姓名")).toMatch(/^✗ .*没有姓名.*开通 contact:user\.base:readonly/);
  }, 60_000);

  it("in local mode says so and exits 1; a token-only webhook is a warning, not a failure", async () => {
    const local = await doctor({ FEISHU_APP_ID: "", FEISHU_APP_SECRET: "" });
    expect(line(local.lines, "模式")).toMatch(/^✗ 模式：本地模式/);
    expect(local.code).toBe(1);
    const tokenOnly = await doctor({ FEISHU_ENCRYPT_KEY: "" });
    expect(line(tokenOnly.lines, "Webhook 密钥")).toMatch(/^! Webhook 密钥：只设了 Verification Token/);
    expect(tokenOnly.code).toBe(0);
  }, 60_000);
});

describe("the same checks at start", () => {
  it("npm start in Feishu mode serves at once and logs the problem as a warning", async () => {
    fake.setScopes(README_SCOPES.filter((s) => s !== "im:message:readonly"));
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const child = spawn(tsx, [join(root, "src/node.ts")], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...settings({ PORT: port }) },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no warning in: ${output}`)), 30_000);
        const poll = setInterval(() => {
          if (!/setup problem/.test(output)) return;
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }, 50);
      });
      expect(output.indexOf("安督 started")).toBeGreaterThan(-1);
      expect(output.indexOf("安督 started")).toBeLessThan(output.indexOf("setup problem"));
      expect(output).toMatch(/warn setup problem: run npm run doctor check=下载权限 .*im:message:readonly/);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      // Wait for it to stop: the service's scheduler may be posting the day's cards (this runs on today's date).
      await new Promise((resolve) => {
        child.on("exit", resolve);
        child.kill();
      });
    }
  }, 60_000);

  it("log one warning per problem, naming the check and the fix", async () => {
    fake.setScopes(README_SCOPES.filter((s) => s !== "im:message:readonly"));
    const config = parseConfig(settings());
    const sentBefore = fake.messages.length; // the service an earlier test started may have posted the day's cards
    const logger = memoryLogger();
    const database = await openDatabase(databaseUrl);
    try {
      await warnAboutSetup(
        { config, lark: createLarkClient(config.feishu!, fake.url, logger), database },
        logger,
      );
    } finally {
      database.close();
    }
    const warnings = logger.lines.filter((l) => l.includes("setup problem"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("check=下载权限");
    expect(warnings[0]).toContain("im:message:readonly");
    expect(fake.messages.slice(sentBefore)).toEqual([]);
  });
});
