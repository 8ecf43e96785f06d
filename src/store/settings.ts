// Settings changed in chat (`/设置`), stored so they outlive a restart and win over the environment.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, settings } from "../../db/schema";
import { auditRow } from "./audit";

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.select().from(settings).where(eq(settings.key, key)).get();
  return row?.value;
}

export async function allSettings(db: Db): Promise<Map<string, string>> {
  const rows = await db.select().from(settings);
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** Stores a setting and its audit entry in one batch. */
export async function putSetting(db: Db, key: string, value: string, actor: string): Promise<void> {
  await putSettings(db, [{ key, value }], actor);
}

/** Stores several settings (or clears those given `null`, back to the environment or default) in one batch. */
export async function putSettings(
  db: Db,
  changes: { key: string; value: string | null }[],
  actor: string,
): Promise<void> {
  const current = await allSettings(db);
  const statements = changes.flatMap(({ key, value }) => [
    value === null
      ? db.delete(settings).where(eq(settings.key, key))
      : db
          .insert(settings)
          .values({ key, value, updatedBy: actor })
          .onConflictDoUpdate({
            target: settings.key,
            set: { value, updatedBy: actor, updatedAt: Date.now() },
          }),
    db.insert(auditLog).values(
      auditRow({
        actor,
        action: "setting.change",
        subjectType: "setting",
        subjectId: key,
        before: current.get(key),
        after: value ?? undefined,
      }),
    ),
  ]);
  const [first, ...rest] = statements;
  if (first !== undefined) await db.batch([first, ...rest]);
}
