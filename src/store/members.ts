// Queries over members: who is bound, with which role, unit and enterprise; binding and unbinding with audit,
// sector duties (责任领导 / 责任干部) included in the same batch.
import { asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { adminGuard, auditLog, members } from "../../db/schema";
import { auditRow } from "./audit";
import { addDutyStatements, removeDutyStatements, type SectorDutyRow } from "./sector-members";

export type MemberRow = typeof members.$inferSelect;
export type NewMember = typeof members.$inferInsert;

/** "no_admin_left": refused and rolled back, because the change would leave the bot without an admin. */
export type GuardedWrite = "done" | "no_admin_left";

/**
 * The statements that end a change to the members: they fail the batch (a CHECK on admin_guard) unless an
 * admin remains, as effectiveAdmins counts them: a member bound as 管理员, or an ADMIN_OPEN_IDS entry
 * (`envAdmins`) bound to nothing. Evaluated inside the batch's own transaction, after its writes.
 */
export function adminRemainsStatements(db: Db | Tx, envAdmins: readonly string[]) {
  const fromEnv =
    envAdmins.length === 0
      ? sql`0`
      : sql`EXISTS (SELECT 1 FROM (VALUES ${sql.join(
          envAdmins.map((id) => sql`(${id})`),
          sql`, `,
        )}) AS env WHERE env.column1 NOT IN (SELECT ${members.openId} FROM ${members}))`;
  const bound = sql`EXISTS (SELECT 1 FROM ${members} WHERE ${members.role} = '管理员')`;
  return [
    db.run(sql`INSERT INTO ${adminGuard} (ok) SELECT (${bound} OR ${fromEnv})`),
    db.delete(adminGuard),
  ] as const;
}

/** True when a write was refused because it would have left no admin. */
export function isNoAdminLeft(error: unknown): boolean {
  const text =
    error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause)}` : "";
  return text.includes("admin_remains") || text.includes("CHECK constraint failed: admin_guard");
}

async function guarded(write: () => Promise<void>): Promise<GuardedWrite> {
  try {
    await write();
    return "done";
  } catch (error) {
    if (isNoAdminLeft(error)) return "no_admin_left";
    throw error;
  }
}

export async function getMember(db: Db, openId: string): Promise<MemberRow | undefined> {
  return db.select().from(members).where(eq(members.openId, openId)).get();
}

export async function listMembers(db: Db): Promise<MemberRow[]> {
  return db.select().from(members).orderBy(asc(members.boundAt), asc(members.openId));
}

/**
 * The statements that bind one person (a plain insert: a second binding of the same person fails), with the
 * sector duties the binding gives them.
 */
export function bindStatements(
  db: Db | Tx,
  member: NewMember,
  actor: string,
  at?: number,
  duties: SectorDutyRow[] = [],
) {
  return [
    db.insert(members).values(member),
    db.insert(auditLog).values(
      auditRow({
        actor,
        action: "member.bind",
        subjectType: "member",
        subjectId: member.openId,
        after: member,
        at,
      }),
    ),
    ...addDutyStatements(db, duties, actor, true),
  ] as const;
}

/**
 * Binds a person, with their sector duties, and records who did it, in one batch that keeps an admin
 * (`envAdmins`: ADMIN_OPEN_IDS); throws when the person is already bound.
 */
export async function bindMember(
  db: Db,
  member: NewMember,
  actor: string,
  duties: SectorDutyRow[],
  envAdmins: readonly string[],
): Promise<GuardedWrite> {
  return guarded(async () => {
    await db.batch([
      ...bindStatements(db, member, actor, undefined, duties),
      ...adminRemainsStatements(db, envAdmins),
    ]);
  });
}

/**
 * Unbinds a person and drops the sector duties they held (`duties`, as read before), each with the row as it
 * was in the audit log, in one batch that keeps an admin; "not_bound" when nobody was bound.
 */
export async function unbindMember(
  db: Db,
  before: MemberRow,
  actor: string,
  duties: SectorDutyRow[],
  envAdmins: readonly string[],
): Promise<GuardedWrite | "not_bound"> {
  let deleted = 0;
  const result = await guarded(async () => {
    const [first] = await db.batch([
      db.delete(members).where(eq(members.openId, before.openId)),
      db.insert(auditLog).values(
        auditRow({
          actor,
          action: "member.unbind",
          subjectType: "member",
          subjectId: before.openId,
          before,
        }),
      ),
      ...removeDutyStatements(db, before.openId, duties, actor),
      ...adminRemainsStatements(db, envAdmins),
    ]);
    deleted = first.rowsAffected;
  });
  return result === "done" && deleted !== 1 ? "not_bound" : result;
}
