// Whether the database has every committed migration, read without the migration files: their journal is
// bundled with the code, so a Worker (which has no disk) checks the version the same way Node does.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import journal from "../../db/migrations/meta/_journal.json" with { type: "json" };

/** When each committed migration was generated (drizzle records the newest applied one's). */
const MIGRATIONS: readonly number[] = journal.entries.map((e) => e.when);

/**
 * How many committed migrations the database has not had yet. Drizzle applies the migrations newer than the
 * last one it recorded in `__drizzle_migrations`; no such table means none was applied.
 */
export async function pendingMigrations(db: Db): Promise<number> {
  const table = await db.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`,
  );
  if (table.length === 0) return MIGRATIONS.length;
  const [last] = await db.all<{ last: number | null }>(
    sql`SELECT max(created_at) AS last FROM __drizzle_migrations`,
  );
  const applied = Number(last?.last ?? 0);
  return MIGRATIONS.filter((when) => when > applied).length;
}

/** The sentence an operator reads when the database is behind the code. */
export function behindSentence(pending: number): string {
  return `数据库还差 ${pending} 个迁移，与当前代码不符：请用同一个 DATABASE_URL（及 DATABASE_AUTH_TOKEN）运行 npm run db:migrate，然后重试。`;
}

/** Whether the database was found current; kept by whoever lives longest (a Worker's isolate). */
export interface SchemaMemo {
  current: boolean;
}

/**
 * The schema check the app runs before it handles anything: once the database is found current it stays
 * current (migrations only ever move it forward), so the check costs one query per start (per isolate).
 */
export function schemaGate(db: Db, memo: SchemaMemo = { current: false }): () => Promise<number> {
  return async () => {
    if (memo.current) return 0;
    const pending = await pendingMigrations(db);
    memo.current = pending === 0;
    return pending;
  };
}
