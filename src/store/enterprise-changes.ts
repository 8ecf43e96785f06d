// Corrections to a registered enterprise (/企业 修改) and its retirement (/企业 注销: kept for history, out of
// lists, forms and the import's matching, its bound 企业负责人 unbound), each with its audit rows in one write.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, enterprises, members } from "../../db/schema";
import { auditRow } from "./audit";
import type { EnterpriseFields, EnterpriseLinkColumns, EnterpriseRow } from "./enterprises";
import { insertIfChanged } from "./hazards";
import type { MemberRow } from "./members";

export async function updateEnterprise(
  db: Db,
  before: EnterpriseRow,
  after: Partial<EnterpriseFields & EnterpriseLinkColumns>,
  actor: string,
  at: number,
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(enterprises)
      .set({ ...after, updatedAt: at })
      .where(and(eq(enterprises.id, before.id), eq(enterprises.updatedAt, before.updatedAt))),
    insertIfChanged(
      db,
      auditLog,
      auditRow({
        actor,
        action: "enterprise.edit",
        subjectType: "enterprise",
        subjectId: before.id,
        before: Object.fromEntries(Object.keys(after).map((k) => [k, before[k as keyof EnterpriseRow]])),
        after,
        at,
      }),
    ),
  ]);
  return updated.rowsAffected === 1;
}

/**
 * Retires an enterprise and, in the same transaction, unbinds its bound 企业负责人 (a head of a closed business
 * has nothing left to report; their hazards and history stay), each with its audit row. `retired` is false
 * when it was already retired (nothing written); `unbound` lists the heads whose binding ended.
 */
export async function retireEnterprise(
  db: Db,
  before: EnterpriseRow,
  reason: string,
  actor: string,
  at: number,
): Promise<{ retired: boolean; unbound: MemberRow[] }> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(enterprises)
      .set({ retiredAt: at, retiredReason: reason, updatedAt: at })
      .where(and(eq(enterprises.id, before.id), isNull(enterprises.retiredAt)));
    if (updated.rowsAffected !== 1) return { retired: false, unbound: [] };
    await tx.insert(auditLog).values(
      auditRow({
        actor,
        action: "enterprise.retire",
        subjectType: "enterprise",
        subjectId: before.id,
        before: { name: before.name },
        after: { retiredAt: at, retiredReason: reason },
        at,
      }),
    );
    const unbound = await tx
      .delete(members)
      .where(and(eq(members.enterpriseId, before.id), eq(members.role, "企业负责人")))
      .returning();
    for (const head of unbound) {
      await tx.insert(auditLog).values(
        auditRow({
          actor,
          action: "member.unbind",
          subjectType: "member",
          subjectId: head.openId,
          before: head,
          after: { reason: `企业「${before.name}」已注销` },
          at,
        }),
      );
    }
    return { retired: true, unbound };
  });
}
