// The service checkpoints its WAL on a thread of its own (src/node/checkpointer.ts): its connection never runs a
// checkpoint inside a commit (auto-checkpoint off), yet the WAL is copied back into the database within seconds;
// and when the thread is gone, SQLite's auto-checkpoint comes back so the WAL cannot grow without bound.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import { afterEach, beforeEach, expect, it } from "vitest";
import { memoryLogger } from "../src/logger";
import { startCheckpointer } from "../src/node/checkpointer";
import { openDatabase } from "../src/node/database";

let dir: string;
let file: string;
const toClose: { close(): void }[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "andu-checkpoint-"));
  file = join(dir, "andu.db");
});

afterEach(() => {
  for (const c of toClose.splice(0)) c.close();
  rmSync(dir, { recursive: true, force: true });
});

const size = (path: string) => statSync(path).size;

async function until(what: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

async function fill(client: Client) {
  await client.execute({ sql: "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)", args: [] });
  // About 4 MB: over a thousand pages, past SQLite's auto-checkpoint threshold.
  for (let i = 0; i < 200; i++)
    await client.execute({ sql: "INSERT INTO t (v) VALUES (?)", args: ["x".repeat(20_000)] });
}

it("the service's connection never checkpoints, and the thread copies the WAL into the database", async () => {
  const logger = memoryLogger();
  const database = await openDatabase(`file:${file}`, undefined, { checkpointThread: logger });
  toClose.push(database);
  const setting = await database.client.execute("PRAGMA wal_autocheckpoint");
  expect(Number(setting.rows[0]![0])).toBe(0);
  await fill(database.client);
  // The data reached the database file itself, not only the WAL: the thread checkpointed it.
  expect(await until(() => size(file) > 3_000_000, 10_000)).toBe(true);
  expect(logger.lines.filter((l) => l.includes("WAL checkpoint"))).toEqual([]);
});

it("without the thread (scripts, the chat) SQLite's own auto-checkpoint stays on", async () => {
  const database = await openDatabase(`file:${file}`);
  toClose.push(database);
  const setting = await database.client.execute("PRAGMA wal_autocheckpoint");
  expect(Number(setting.rows[0]![0])).toBe(1000);
});

it("a thread that ends unasked is logged once and the fallback runs", async () => {
  const logger = memoryLogger();
  let fellBack = 0;
  const checkpointer = await startCheckpointer(`file:${file}`, logger, () => fellBack++, 100);
  await checkpointer.thread.terminate();
  expect(await until(() => fellBack === 1, 5_000)).toBe(true);
  expect(logger.lines.filter((l) => l.includes("WAL checkpoint thread ended"))).toHaveLength(1);
});

it("a thread stopped on purpose does not fall back", async () => {
  const logger = memoryLogger();
  let fellBack = 0;
  const checkpointer = await startCheckpointer(`file:${file}`, logger, () => fellBack++, 100);
  await checkpointer.stop();
  await new Promise((r) => setTimeout(r, 200));
  expect(fellBack).toBe(0);
  expect(logger.lines).toEqual([]);
});
