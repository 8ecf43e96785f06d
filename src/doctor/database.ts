// The database check: it answers, and every committed migration has been applied to it.
import type { Database } from "../../db/client";
import { pendingMigrations } from "../store/schema-version";
import { DATABASE_STEP, MIGRATE_STEP } from "./steps";
import { type CheckResult, fail, ok } from "./types";

const CHECK = "数据库";

export async function checkDatabase(
  url: string,
  database: Database | null,
  openError?: string,
): Promise<CheckResult> {
  const where = url.replace(/\?.*$/, "");
  if (!database) return fail(CHECK, `打不开 ${where}（${openError ?? "未知原因"}）`, DATABASE_STEP);
  try {
    const pending = await pendingMigrations(database.db);
    if (pending > 0) return fail(CHECK, `${where} 还有 ${pending} 个迁移没有执行`, MIGRATE_STEP);
    return ok(CHECK, `${where} 可用，迁移都已执行`);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return fail(CHECK, `${where} 读不了（${why.slice(0, 120)}）`, DATABASE_STEP);
  }
}
