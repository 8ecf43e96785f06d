// A member's own phone (members.phone): set by an admin at /绑定 or by the member with /我 电话=…, audited; and
// read as the contact a form signs with (填报人, 联系电话).
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, members } from "../../db/schema";
import { auditRow } from "./audit";
import { insertIfChanged } from "./hazards";
import type { MemberRow } from "./members";

/**
 * Sets (or, with null, clears) a bound member's phone with its audit row, in one batch; false when the member
 * was unbound or re-bound since `before` was read (nothing written).
 */
export async function setMemberPhone(
  db: Db,
  before: MemberRow,
  phone: string | null,
  actor: string,
  at: number,
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(members)
      .set({ phone })
      .where(and(eq(members.openId, before.openId), eq(members.boundAt, before.boundAt))),
    insertIfChanged(
      db,
      auditLog,
      auditRow({
        actor,
        action: "member.phone",
        subjectType: "member",
        subjectId: before.openId,
        before: { phone: before.phone },
        after: { phone },
        at,
      }),
    ),
  ]);
  return updated.rowsAffected === 1;
}

/** Who signs a form and how to reach them: a bound member's name and phone (null: not bound). */
export async function memberContact(
  db: Db,
  openId: string,
): Promise<{ name: string; phone: string | null } | null> {
  const m = await db
    .select({ name: members.name, phone: members.phone })
    .from(members)
    .where(eq(members.openId, openId))
    .get();
  return m ?? null;
}
