// Who answers for which sector (责任领导 / 责任干部): the statements that add and remove those duties with their
// audit rows, so a binding, an unbinding or an approval writes them together with the member row.
import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { auditLog, members, sectorMembers } from "../../db/schema";
import { auditRow } from "./audit";

export type SectorDutyRow = typeof sectorMembers.$inferSelect;
export type Duty = SectorDutyRow["duty"];

/** A member's duties, in sector order. */
export async function dutiesOf(db: Db, openId: string): Promise<SectorDutyRow[]> {
  return db
    .select()
    .from(sectorMembers)
    .where(eq(sectorMembers.openId, openId))
    .orderBy(asc(sectorMembers.sectorId), asc(sectorMembers.duty));
}

/** Every duty of every person, for member lists. */
export async function listDuties(db: Db): Promise<SectorDutyRow[]> {
  return db.select().from(sectorMembers).orderBy(asc(sectorMembers.sectorId), asc(sectorMembers.openId));
}

/** One duty's audit row: the member's history shows when they took on a sector and who gave it. */
export function dutyAuditRow(
  row: SectorDutyRow,
  action: "member.duty.add" | "member.duty.remove",
  actor: string,
) {
  const change = action === "member.duty.add" ? { after: row } : { before: row };
  return auditRow({ actor, action, subjectType: "member", subjectId: row.openId, ...change });
}

/**
 * The statements that add duties. `tolerant` lets a row that is already there stand (used beside a member
 * insert, which is the real guard); otherwise a duplicate fails the batch, so nothing is written twice.
 */
export function addDutyStatements(db: Db | Tx, rows: SectorDutyRow[], actor: string, tolerant = false) {
  return rows.flatMap((row) => {
    const insert = db.insert(sectorMembers).values(row);
    return [
      tolerant ? insert.onConflictDoNothing() : insert,
      db.insert(auditLog).values(dutyAuditRow(row, "member.duty.add", actor)),
    ];
  });
}

/**
 * The statements that remove all of a person's duties: one delete by person, so a duty added since `rows`
 * was read goes too, and an audit row for each duty in `rows` (the person's duties as read before).
 */
export function removeDutyStatements(db: Db | Tx, openId: string, rows: SectorDutyRow[], actor: string) {
  return [
    db.delete(sectorMembers).where(eq(sectorMembers.openId, openId)),
    ...rows.map((row) => db.insert(auditLog).values(dutyAuditRow(row, "member.duty.remove", actor))),
  ];
}

/**
 * Adds duties to someone bound as `role`, with audit rows, in one transaction: false, and nothing written,
 * when they are no longer bound so (unbound meanwhile); a duty held already throws and writes nothing.
 */
export async function addDuties(
  db: Db,
  openId: string,
  role: (typeof members.$inferSelect)["role"],
  rows: SectorDutyRow[],
  actor: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const bound = await tx
      .select({ openId: members.openId })
      .from(members)
      .where(and(eq(members.openId, openId), eq(members.role, role)))
      .get();
    if (!bound) return false;
    for (const row of rows) {
      await tx.insert(sectorMembers).values(row);
      await tx.insert(auditLog).values(dutyAuditRow(row, "member.duty.add", actor));
    }
    return true;
  });
}
