// Queries over members: who is bound, with which role, unit and enterprise; binding and unbinding with audit,
// sector duties (责任领导 / 责任干部) included in the same batch.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, members } from "../../db/schema";
import { auditRow } from "./audit";
import { addDutyStatements, removeDutyStatements, type SectorDutyRow } from "./sector-members";

export type MemberRow = typeof members.$inferSelect;
export type NewMember = typeof members.$inferInsert;

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
  db: Db,
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

/** Binds a person, with their sector duties, and records who did it, in one batch; throws when already bound. */
export async function bindMember(
  db: Db,
  member: NewMember,
  actor: string,
  duties: SectorDutyRow[] = [],
): Promise<void> {
  await db.batch(bindStatements(db, member, actor, undefined, duties));
}

/**
 * Unbinds a person and drops the sector duties they held (`duties`, as read before), each with the row as it
 * was in the audit log; false when nobody was bound.
 */
export async function unbindMember(
  db: Db,
  before: MemberRow,
  actor: string,
  duties: SectorDutyRow[] = [],
): Promise<boolean> {
  const [deleted] = await db.batch([
    db.delete(members).where(eq(members.openId, before.openId)),
    db
      .insert(auditLog)
      .values(
        auditRow({ actor, action: "member.unbind", subjectType: "member", subjectId: before.openId, before }),
      ),
    ...removeDutyStatements(db, before.openId, duties, actor),
  ]);
  return deleted.rowsAffected === 1;
}
