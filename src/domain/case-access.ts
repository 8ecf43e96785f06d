// Who may correct or delete a typical enforcement case: an admin any case, a 干部 their own unit's (the unit the
// case is filed under, as for 新增). The typed 修改 and 删除 share this rule; the role table is checked first.
import type { RoleOrUnbound } from "./permissions";

/** Null when the person may change the case; else the sentence that says why not and who may. */
export function caseChangeRefusal(
  actor: { role: RoleOrUnbound; unitId: number | null },
  c: { id: number; unitId: number },
  unitName: string,
  verb: "修改" | "删除",
): string | null {
  if (actor.role === "管理员") return null;
  if (actor.role === "干部" && actor.unitId === c.unitId) return null;
  return `第 ${c.id} 号案例是「${unitName}」的：只有该单位的干部或管理员可以${verb}。`;
}
