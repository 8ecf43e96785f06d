// Corrections to a registered enterprise (/企业 修改) and its retirement (/企业 注销: kept for history, out of
// lists, forms and the import's matching), each with its audit row in the same batch.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, enterprises } from "../../db/schema";
import { auditRow } from "./audit";
import type { EnterpriseFields, EnterpriseLinkColumns, EnterpriseRow } from "./enterprises";
import { insertIfChanged } from "./hazards";

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

export async function retireEnterprise(
  db: Db,
  before: EnterpriseRow,
  reason: string,
  actor: string,
  at: number,
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(enterprises)
      .set({ retiredAt: at, retiredReason: reason, updatedAt: at })
      .where(and(eq(enterprises.id, before.id), isNull(enterprises.retiredAt))),
    insertIfChanged(
      db,
      auditLog,
      auditRow({
        actor,
        action: "enterprise.retire",
        subjectType: "enterprise",
        subjectId: before.id,
        before: { name: before.name },
        after: { retiredAt: at, retiredReason: reason },
        at,
      }),
    ),
  ]);
  return updated.rowsAffected === 1;
}
