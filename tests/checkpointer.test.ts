// The service checkpoints its WAL on a thread of its own (src/node/checkpointer.ts): the copying and fsyncing
// happen off the event loop, the service's own checkpoint comes rarely and finds little left, and under steady
// writes the WAL still starts over (a checkpoint on another connection alone never lets it: it grew to 2 GB in a
// 3-minute soak). When the thread is gone, SQLite's usual auto-checkpoint comes back.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import { afterEach, beforeEach, expect, it } from "vitest";
import { memoryLogger } from "../src/logger";
import { SERVICE_CHECKPOINT_PAGES, startCheckpointer } from "../src/node/checkpointer";
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

it("the thread copies the WAL into the database while the service's own checkpoint waits for 20,000 pages", async () => {
  const logger = memoryLogger();
  const database = await openDatabase(`file:${file}`, undefined, { checkpointThread: logger });
  toClose.push(database);
  const setting = await database.client.execute("PRAGMA wal_autocheckpoint");
  expect(Number(setting.rows[0]![0])).toBe(SERVICE_CHECKPOINT_PAGES);
  await fill(database.client);
  // About 1,000 pages, far below the service's own checkpoint: the data reached the database file itself, so
  // the thread copied it.
  expect(await until(() => size(file) > 3_000_000, 10_000)).toBe(true);
  expect(logger.lines.filter((l) => l.includes("WAL checkpoint"))).toEqual([]);
});

it("under steady writes the WAL starts over: it stays near the service's checkpoint length, not the data's", async () => {
  /** Writes for 1.5 s as fast as one connection can, into a database of its own with the checkpoint thread. */
  const steadyWrites = async (name: string, servicePages: number) => {
    const path = join(dir, name);
    const database = await openDatabase(`file:${path}`, undefined, { checkpointThread: memoryLogger() });
    toClose.push(database);
    const { client } = database;
    await client.execute(`PRAGMA wal_autocheckpoint=${servicePages}`);
    await client.execute("PRAGMA journal_size_limit=0");
    await client.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
    const stopAt = Date.now() + 1_500;
    let written = 0;
    let largestWal = 0;
    while (Date.now() < stopAt) {
      await client.execute({ sql: "INSERT INTO t (v) VALUES (?)", args: ["x".repeat(8_000)] });
      written += 8_000;
      largestWal = Math.max(largestWal, size(`${path}-wal`));
    }
    return { written, largestWal };
  };
  // The service's own checkpoint off: the thread alone never catches up, and the WAL holds nearly every byte.
  const alone = await steadyWrites("alone.db", 0);
  expect(alone.largestWal).toBeGreaterThan(alone.written / 2);
  // The service's checkpoint length scaled down (100 pages, ~400 KB) so the test's writes pass it many times.
  const both = await steadyWrites("both.db", 100);
  expect(both.written).toBeGreaterThan(2_000_000);
  expect(both.largestWal).toBeLessThan(both.written / 4);
});

it("without the thread (scripts, the chat) SQLite's usual auto-checkpoint stays", async () => {
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
