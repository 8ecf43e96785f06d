// Requests to be bound (/绑定 without a mention), decided by an admin on a card: approving binds the person,
// gives the sector duties asked for and marks the request in one transaction, so a second press or a
// concurrent one changes nothing.
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { auditLog, bindRequests, enterprises, members, sectorMembers, units } from "../../db/schema";
import { auditRow } from "./audit";
import { adminRemainsStatements, isNoAdminLeft } from "./members";
import { dutyAuditRow, type SectorDutyRow } from "./sector-members";

export type BindRequestRow = typeof bindRequests.$inferSelect;
export type NewBindRequest = typeof bindRequests.$inferInsert;

export async function createBindRequest(db: Db, request: NewBindRequest): Promise<BindRequestRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(bindRequests).values(request).returning();
    await tx.insert(auditLog).values(
      auditRow({
        actor: request.openId,
        action: "member.request",
        subjectType: "bind_request",
        subjectId: row!.id,
        after: row,
      }),
    );
    return row!;
  });
}

export async function getBindRequest(db: Db, id: number): Promise<BindRequestRow | undefined> {
  return db.select().from(bindRequests).where(eq(bindRequests.id, id)).get();
}

export async function pendingRequestOf(db: Db, openId: string): Promise<BindRequestRow | undefined> {
  return db
    .select()
    .from(bindRequests)
    .where(and(eq(bindRequests.openId, openId), eq(bindRequests.status, "pending")))
    .get();
}

export type Decision = "approved" | "rejected";

/** What deciding a request did: "target_retired" when its unit or enterprise is gone (nothing written). */
export type DecideResult = "decided" | "already" | "no_admin_left" | "target_retired";

/** Whether the unit or enterprise a request names is still active (not 停用/注销, not deleted). */
async function targetActive(tx: Tx, request: BindRequestRow): Promise<boolean> {
  const { unitId, enterpriseId } = request;
  const unit =
    unitId === null
      ? null
      : await tx.select({ retiredAt: units.retiredAt }).from(units).where(eq(units.id, unitId)).get();
  const firm =
    enterpriseId === null
      ? null
      : await tx
          .select({ retiredAt: enterprises.retiredAt })
          .from(enterprises)
          .where(eq(enterprises.id, enterpriseId))
          .get();
  // null: the request names none; undefined: the row was deleted
  return [unit, firm].every((row) => row === null || (row !== undefined && row.retiredAt === null));
}

/**
 * Decides a pending request: "decided" when this call did it, "already" when it was decided before (nothing
 * changes). Approving inserts the member row and `duties` (the sector duties the request carries); if the
 * person got bound meanwhile the insert fails and the whole transaction, the request's status included, is
 * rolled back (the caller sees the error). Approving onto a unit or enterprise retired since the request was
 * made writes nothing ("target_retired"): checked inside the transaction, so a concurrent 停用 cannot slip by.
 */
export async function decideBindRequest(
  db: Db,
  request: BindRequestRow,
  decision: Decision,
  actor: string,
  at: number,
  duties: SectorDutyRow[],
  envAdmins: readonly string[],
): Promise<DecideResult> {
  return db
    .transaction(async (tx) => decide(tx, request, decision, actor, at, duties, envAdmins))
    .catch((error: unknown) => {
      if (isNoAdminLeft(error)) return "no_admin_left" as const;
      throw error;
    });
}

async function decide(
  tx: Tx,
  request: BindRequestRow,
  decision: Decision,
  actor: string,
  at: number,
  duties: SectorDutyRow[],
  envAdmins: readonly string[],
): Promise<"decided" | "already" | "target_retired"> {
  if (decision === "approved" && !(await targetActive(tx, request))) {
    const current = await tx
      .select({ status: bindRequests.status })
      .from(bindRequests)
      .where(eq(bindRequests.id, request.id))
      .get();
    return current?.status === "pending" ? "target_retired" : "already";
  }
  const updated = await tx
    .update(bindRequests)
    .set({ status: decision, decidedBy: actor, decidedAt: at })
    .where(and(eq(bindRequests.id, request.id), eq(bindRequests.status, "pending")));
  if (updated.rowsAffected !== 1) return "already";
  if (decision === "approved") {
    const member = {
      openId: request.openId,
      name: request.name,
      role: request.role,
      unitId: request.unitId,
      enterpriseId: request.enterpriseId,
      boundBy: actor,
    };
    await tx.insert(members).values(member);
    await tx.insert(auditLog).values(
      auditRow({
        actor,
        action: "member.bind",
        subjectType: "member",
        subjectId: request.openId,
        after: member,
      }),
    );
    for (const duty of duties) {
      // A row left behind for this person (never through the bot) stands; the audit says it is theirs now.
      await tx.insert(sectorMembers).values(duty).onConflictDoNothing();
      await tx.insert(auditLog).values(dutyAuditRow(duty, "member.duty.add", actor));
    }
    // Approving an ADMIN_OPEN_IDS admin's request for another role takes them out of the admins.
    for (const statement of adminRemainsStatements(tx, envAdmins)) await statement;
  }
  await tx.insert(auditLog).values(
    auditRow({
      actor,
      action: decision === "approved" ? "member.approve" : "member.reject",
      subjectType: "bind_request",
      subjectId: request.id,
      before: { status: request.status },
      after: { status: decision },
    }),
  );
  return "decided";
}
