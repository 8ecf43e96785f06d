// The migration that makes 督办 a history: a database as it was before (one posting in the hazard's columns)
// is migrated, and the posting becomes its first row in hazard_supervisions, with who and when from its event
// and the day of the first 整改完成 after it as the day substantive progress was met.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../db/client";
import { hazardSupervisions, hazards } from "../db/schema";
import { migrateDatabase, openDatabase } from "../src/node/database";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The committed migrations up to (not including) the one that adds hazard_supervisions. */
function migrationsBefore(dir: string): string {
  const folder = join(dir, "migrations");
  cpSync(resolve(__dirname, "../db/migrations"), folder, { recursive: true });
  const path = join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(path, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith("_hazard_supervisions"));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(path, JSON.stringify(journal));
  return folder;
}

const ms = (iso: string) => Date.parse(iso);

async function legacyDatabase(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), "andu-migrate-"));
  dirs.push(dir);
  const database = await openDatabase(`file:${join(dir, "andu.db")}`);
  await migrate(database.db, { migrationsFolder: migrationsBefore(dir) });
  const insert = (sql: string, args: (string | number | null)[]) => database.client.execute({ sql, args });
  const hazard = `INSERT INTO hazards (id, number, unit_id, enterprise_name, sector_id, description, measures, deadline,
    source, found_on, level, status, supervision_level, supervision_doc, supervision_date, progress_due,
    reported_by, created_at, updated_at) VALUES (?, ?, 1, '某站', 5, '描述', '措施', '2023-07-31', '部门检查',
    '2023-06-01', '重大', ?, ?, ?, ?, ?, 'ou_reporter', ?, ?)`;
  const t0 = ms("2023-06-01T10:00:00+08:00");
  await insert(hazard, [
    1,
    "YH-2023-0001",
    "待验收",
    "县级",
    "兴安委办〔2023〕12号",
    "2023-06-05",
    "2023-07-05",
    t0,
    t0,
  ]);
  await insert(hazard, [2, "YH-2023-0002", "整改中", null, null, null, null, t0, t0]);
  await insert(hazard, [
    3,
    "YH-2023-0003",
    "整改中",
    "市级",
    "赣市安办〔2023〕3号",
    "2023-06-02",
    "2023-08-01",
    t0,
    t0,
  ]);
  const event = "INSERT INTO hazard_events (hazard_id, at, actor, kind) VALUES (?, ?, ?, ?)";
  // 0001: rectified before its posting (does not count), posted, rectified after (counts), returned.
  await insert(event, [1, ms("2023-06-03T09:00:00+08:00"), "ou_cadre", "rectified"]);
  await insert(event, [1, ms("2023-06-05T09:00:00+08:00"), "ou_leader", "supervised"]);
  await insert(event, [1, ms("2023-06-20T23:30:00+08:00"), "ou_cadre", "rectified"]);
  await insert(event, [1, ms("2023-06-21T09:00:00+08:00"), "ou_leader", "returned"]);
  await insert(event, [1, ms("2023-06-25T09:00:00+08:00"), "ou_cadre", "rectified"]);
  // 0003: posted with no event left to say by whom: the hazard's reporter and its update time stand in.
  return database;
}

describe("migrating 督办 into hazard_supervisions", () => {
  it("moves each kept posting into the history, with who, when and the day progress was met", async () => {
    const database = await legacyDatabase();
    await migrateDatabase(database);
    const postings = await database.db.select().from(hazardSupervisions).orderBy(hazardSupervisions.hazardId);
    expect(postings).toEqual([
      {
        id: expect.any(Number),
        hazardId: 1,
        level: "县级",
        doc: "兴安委办〔2023〕12号",
        postedOn: "2023-06-05",
        dueOn: "2023-07-05",
        postedBy: "ou_leader",
        postedAt: ms("2023-06-05T09:00:00+08:00"),
        withdrawnAt: null,
        withdrawnBy: null,
        withdrawReason: null,
      },
      expect.objectContaining({
        hazardId: 3,
        level: "市级",
        postedOn: "2023-06-02",
        dueOn: "2023-08-01",
        postedBy: "ou_reporter",
        postedAt: ms("2023-06-01T10:00:00+08:00"),
      }),
    ]);
    const rows = await database.db
      .select({ id: hazards.id, progressMetOn: hazards.progressMetOn })
      .from(hazards)
      .orderBy(hazards.id);
    // The 23:30 整改完成 is 06-20 in Asia/Shanghai (06-20 15:30 UTC).
    expect(rows).toEqual([
      { id: 1, progressMetOn: "2023-06-20" },
      { id: 2, progressMetOn: null },
      { id: 3, progressMetOn: null },
    ]);
    const columns = await database.client.execute("SELECT name FROM pragma_table_info('hazards')");
    expect(columns.rows.map((r) => r.name)).not.toContain("supervision_level");
    database.close();
  });
});
