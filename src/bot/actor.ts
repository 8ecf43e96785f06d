// Who is asking: the member row decides the role; ADMIN_OPEN_IDS are admins from the start.
import { eq } from "drizzle-orm";
import { enterprises } from "../../db/schema";
import type { RoleOrUnbound } from "../domain/permissions";
import { getMember } from "../store/members";
import type { Deps } from "./deps";

export interface Actor {
  openId: string;
  name: string | null;
  role: RoleOrUnbound;
  unitId: number | null;
  enterpriseId: number | null;
}

export async function resolveActor(deps: Deps, openId: string): Promise<Actor> {
  const member = await getMember(deps.db, openId);
  if (member) {
    let unitId = member.unitId;
    if (member.role === "企业负责人" && member.enterpriseId !== null) {
      const enterprise = await deps.db
        .select({ unitId: enterprises.unitId })
        .from(enterprises)
        .where(eq(enterprises.id, member.enterpriseId))
        .get();
      unitId = enterprise?.unitId ?? unitId;
    }
    return { openId, name: member.name, role: member.role, unitId, enterpriseId: member.enterpriseId };
  }
  const role = deps.config.adminOpenIds.includes(openId) ? "管理员" : "未绑定";
  return { openId, name: null, role, unitId: null, enterpriseId: null };
}
