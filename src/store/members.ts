// Queries over members: who is bound, with which role, unit and enterprise; binding and unbinding with audit.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, members } from "../../db/schema";
import { auditRow } from "./audit";

export type MemberRow = typeof members.$inferSelect;
export type NewMember = typeof members.$inferInsert;

export async function getMember(db: Db, openId: string): Promise<MemberRow | undefined> {
  return db.select().from(members).where(eq(members.openId, openId)).get();
}

export async function listMembers(db: Db): Promise<MemberRow[]> {
  return db.select().from(members).orderBy(asc(members.boundAt), asc(members.openId));
}

/** The statements that bind one person (a plain insert: a second binding of the same person fails). */
export function bindStatements(db: Db, member: NewMember, actor: string, at?: number) {
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
  ] as const;
}

/** Binds a person and records who did it, in one batch; throws when the person is already bound. */
export async function bindMember(db: Db, member: NewMember, actor: string): Promise<void> {
  await db.batch(bindStatements(db, member, actor));
}

/** Unbinds a person, with the row as it was in the audit log; false when nobody was bound. */
export async function unbindMember(db: Db, before: MemberRow, actor: string): Promise<boolean> {
  const [deleted] = await db.batch([
    db.delete(members).where(eq(members.openId, before.openId)),
    db
      .insert(auditLog)
      .values(
        auditRow({ actor, action: "member.unbind", subjectType: "member", subjectId: before.openId, before }),
      ),
  ]);
  return deleted.rowsAffected === 1;
}
