// A database behind the code: the app checks the schema version instead of migrating (a Worker cannot), so
// /healthz answers 503 with a sentence naming `npm run db:migrate`, events are refused unwritten (Feishu
// delivers them again), and once `npm run db:migrate` has run the same event is answered.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterEach, expect, it } from "vitest";
import { createApp } from "../src/app";
import { createDeps } from "../src/bot/create-deps";
import { parseConfig } from "../src/config";
import { createLarkClient } from "../src/feishu/client";
import { memoryLogger } from "../src/logger";
import { BackgroundWork } from "../src/node/background";
import { openDatabase } from "../src/node/database";
import { APP_ID, ENCRYPT_KEY, encryptedDelivery, messagePayload, VERIFICATION_TOKEN } from "./support/events";
import { type FakeOpenApi, startFakeOpenApi } from "./support/fake-open-api";
import { ADMIN } from "./support/harness";

const ROOT = resolve(import.meta.dirname, "..");
let dir: string;
let fake: FakeOpenApi;

afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The committed migrations but the newest: a database one release behind. */
function allButNewest(into: string): string {
  const folder = join(into, "migrations");
  cpSync(join(ROOT, "db/migrations"), folder, { recursive: true });
  const path = join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(path, "utf8")) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, -1);
  writeFileSync(path, JSON.stringify(journal));
  return folder;
}

function migrateScript(databaseUrl: string) {
  return new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => done({ code, output }));
  });
}

it("refuses work with a sentence until npm run db:migrate has run, then answers the redelivered event", async () => {
  fake = await startFakeOpenApi();
  dir = mkdtempSync(join(tmpdir(), "andu-schema-"));
  const databaseUrl = `file:${join(dir, "andu.db")}`;
  const database = await openDatabase(databaseUrl);
  await migrate(database.db, { migrationsFolder: allButNewest(dir) });
  const config = parseConfig({
    FEISHU_APP_ID: APP_ID,
    FEISHU_APP_SECRET: "test-secret",
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    FEISHU_DOMAIN: fake.url,
    DATABASE_URL: databaseUrl,
    ADMIN_OPEN_IDS: ADMIN,
  });
  const logger = memoryLogger();
  const work = new BackgroundWork(logger);
  const deps = createDeps({
    config,
    db: database.db,
    lark: createLarkClient(config.feishu!, config.domain, logger),
    logger,
    defer: work.run,
  });
  const app = createApp(deps);

  const health = await app.request("/healthz");
  expect(health.status).toBe(503);
  const said = (await health.json()) as { ok: boolean; error: string };
  expect(said.ok).toBe(false);
  expect(said.error).toContain("还差 1 个迁移");
  expect(said.error).toContain("npm run db:migrate");

  // The same delivery twice, as Feishu redelivers an event it got no 200 for.
  const help = encryptedDelivery(messagePayload("/帮助", { sender: ADMIN }));
  const deliverHelp = async () => {
    const response = await app.request("/feishu/events", {
      method: "POST",
      headers: help.headers,
      body: help.body,
    });
    await work.idle();
    return response.status;
  };
  expect(await deliverHelp()).toBe(503);
  // Counted by plain SQL: the newest migration may have changed these tables' columns.
  const count = async (table: string) =>
    Number((await database.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  expect(await count("deliveries")).toBe(0);
  expect(await count("outbox")).toBe(0);
  expect(fake.messages).toEqual([]);

  const migrated = await migrateScript(databaseUrl);
  expect(migrated.output).toContain("migrations and reference data applied");
  expect(migrated.code).toBe(0);

  expect((await app.request("/healthz")).status).toBe(200);
  expect(await deliverHelp()).toBe(200);
  expect(fake.messages.map((m) => m.kind)).toEqual(["reply"]);
  database.close();
}, 60_000);
