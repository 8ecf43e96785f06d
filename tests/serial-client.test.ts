// The service's database is one connection used in turn (src/node/serial-client.ts). @libsql/client's pool opens a
// connection per overlapping call, each with SQLite's defaults (synchronous=FULL: an fsync per commit on the event
// loop), and two of them contend for the write lock through a busy handler that sleeps on the loop. Measured here
// against the plain client, so the test shows what it guards against.
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Database } from "../db/client";
import { openDatabase } from "../src/node/database";

let dir: string;
let file: string;
const opened: { close(): void }[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "andu-serial-"));
  file = join(dir, "andu.db");
});

afterEach(() => {
  for (const c of opened.splice(0)) c.close();
  rmSync(dir, { recursive: true, force: true });
});

/** How many connections this process holds on the file: each opens it once. */
function connectionsTo(path: string): number {
  return readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

async function open(): Promise<Database> {
  const database = await openDatabase(`file:${file}`);
  opened.push(database);
  await database.client.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)");
  return database;
}

it("overlapping calls share one connection, and every one runs with synchronous=NORMAL", async () => {
  // The plain client, set up the old way: the pragma on its first connection, then eight calls at once.
  const plainFile = join(dir, "plain.db");
  const plain = createClient({ url: `file:${plainFile}` });
  opened.push(plain);
  await plain.execute("PRAGMA journal_mode=WAL");
  await plain.execute("PRAGMA synchronous=NORMAL");
  const plainLevels = await Promise.all(Array.from({ length: 8 }, () => plain.execute("PRAGMA synchronous")));
  expect(connectionsTo(plainFile)).toBeGreaterThan(1);
  expect(plainLevels.map((r) => Number(r.rows[0]![0])).filter((level) => level !== 1).length).toBeGreaterThan(
    0,
  );

  const { client } = await open();
  const levels = await Promise.all(Array.from({ length: 8 }, () => client.execute("PRAGMA synchronous")));
  const writes = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      client.execute({ sql: "INSERT INTO t VALUES (?, ?)", args: [`k${i}`, i] }),
    ),
  );
  expect(levels.map((r) => Number(r.rows[0]![0]))).toEqual(Array(8).fill(1));
  expect(writes.every((w) => w.rowsAffected === 1)).toBe(true);
  expect(connectionsTo(file)).toBe(1);
});

it("a transaction holds the turn: a call made meanwhile runs after the commit and sees it, with no busy wait", async () => {
  const { client } = await open();
  const order: string[] = [];
  const tx = await client.transaction("write");
  await tx.execute({ sql: "INSERT INTO t VALUES ('a', 1)", args: [] });
  // Issued while the transaction is open: a second connection would hit the write lock (SQLITE_BUSY after the
  // busy timeout, the event loop asleep meanwhile); in turn it simply waits.
  const meanwhile = client
    .execute({ sql: "UPDATE t SET v = v + 1 WHERE k = 'a' RETURNING v", args: [] })
    .then((r) => {
      order.push("update");
      return Number(r.rows[0]![0]);
    });
  await new Promise((r) => setTimeout(r, 50));
  order.push("commit");
  await tx.commit();
  expect(await meanwhile).toBe(2);
  expect(order).toEqual(["commit", "update"]);
});

it("a rolled-back or closed transaction gives the turn back, and nothing it wrote stays", async () => {
  const { client } = await open();
  const rolled = await client.transaction("write");
  await rolled.execute({ sql: "INSERT INTO t VALUES ('gone', 1)", args: [] });
  await rolled.rollback();
  const closed = await client.transaction("write");
  await closed.execute({ sql: "INSERT INTO t VALUES ('gone2', 1)", args: [] });
  closed.close();
  const rows = await client.execute("SELECT count(*) FROM t");
  expect(Number(rows.rows[0]![0])).toBe(0);
});

it("a failed call gives the turn back: the next one runs", async () => {
  const { client } = await open();
  await client.execute({ sql: "INSERT INTO t VALUES ('a', 1)", args: [] });
  await expect(client.execute({ sql: "INSERT INTO t VALUES ('a', 2)", args: [] })).rejects.toThrow(/UNIQUE/);
  await expect(
    client.batch([{ sql: "INSERT INTO nowhere VALUES (1)", args: [] }], "write"),
  ).rejects.toThrow();
  const rows = await client.execute("SELECT v FROM t WHERE k = 'a'");
  expect(Number(rows.rows[0]![0])).toBe(1);
});

it("a drizzle transaction that throws is rolled back and the database goes on", async () => {
  const { db, client } = await open();
  await expect(
    db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO t VALUES ('x', 1)`);
      throw new Error("changed my mind");
    }),
  ).rejects.toThrow("changed my mind");
  const rows = await client.execute("SELECT count(*) FROM t");
  expect(Number(rows.rows[0]![0])).toBe(0);
});
