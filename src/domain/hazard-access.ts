// Whose hazards a person may see and change, on top of the role table: 管理员 and 领导 all of them, a 干部 their
// unit's, an 企业负责人 their enterprise's. Pure, so typed commands, card buttons and the card's own buttons agree.
import { type CheckRule, checkVerdict } from "./hazard-checker";
import { editRefusal } from "./hazard-edit";
import { type HazardMove, type HazardStatus, nextStatus } from "./hazard-lifecycle";
import { type Action, can, type RoleOrUnbound, seesAll } from "./permissions";

export interface Viewer {
  role: RoleOrUnbound;
  unitId: number | null;
  enterpriseId: number | null;
}

export interface HazardPlace {
  unitId: number;
  enterpriseId: number | null;
  status: HazardStatus;
}

export const MOVE_ACTIONS: Record<HazardMove, Action> = {
  progress: "hazard.progress",
  rectified: "hazard.rectified",
  close: "hazard.close",
  return: "hazard.return",
  supervise: "hazard.supervise",
};

/** The part of the ledger a person sees: everything, one unit, one enterprise, or nothing. */
export type LedgerScope = { all: true } | { unitId: number } | { enterpriseId: number } | { none: true };

export function ledgerScope(viewer: Viewer): LedgerScope {
  if (seesAll(viewer.role)) return { all: true };
  if (viewer.role === "干部" && viewer.unitId !== null) return { unitId: viewer.unitId };
  if (viewer.role === "企业负责人" && viewer.enterpriseId !== null)
    return { enterpriseId: viewer.enterpriseId };
  return { none: true };
}

export function canSeeHazard(viewer: Viewer, hazard: Pick<HazardPlace, "unitId" | "enterpriseId">): boolean {
  const scope = ledgerScope(viewer);
  if ("all" in scope) return true;
  if ("unitId" in scope) return hazard.unitId === scope.unitId;
  if ("enterpriseId" in scope) return hazard.enterpriseId === scope.enterpriseId;
  return false;
}

/** The role may do the move and the hazard is within the person's reach (status aside). */
export function mayMove(viewer: Viewer, hazard: HazardPlace, move: HazardMove): boolean {
  return can(viewer.role, MOVE_ACTIONS[move]) && canSeeHazard(viewer, hazard);
}

/**
 * The moves this person could make on this hazard now: the buttons its card shows them. With `check` (who the
 * person is and the hazard's check rule), 销号 and 退回 only for someone who may check it (src/domain/hazard-checker).
 */
export function availableMoves(
  viewer: Viewer,
  hazard: HazardPlace,
  check?: { openId: string; rule: CheckRule },
): HazardMove[] {
  const moves: HazardMove[] = ["progress", "rectified", "close", "return", "supervise"];
  return moves.filter(
    (m) =>
      mayMove(viewer, hazard, m) &&
      nextStatus(hazard.status, m).ok &&
      (check === undefined ||
        (m !== "close" && m !== "return") ||
        checkVerdict(check.openId, viewer.role, check.rule).ok),
  );
}

/** What 撤销 needs to know of a hazard: who logged it and where it stands. */
export interface WithdrawnHazard extends HazardPlace {
  number: string;
  reportedBy: string;
}

/**
 * Why this person may not withdraw (撤销) this hazard, or null: admins withdraw any; a 干部 only one they logged
 * themselves, while nothing has been done on it yet (待整改). Typed and by the card's button alike.
 */
export function withdrawRefusal(
  viewer: { role: RoleOrUnbound; openId: string },
  h: WithdrawnHazard,
): string | null {
  if (viewer.role === "管理员") return null;
  if (h.reportedBy !== viewer.openId)
    return `隐患 ${h.number} 不是你登记的：只有登记人（待整改时）或管理员能撤销。`;
  if (h.status !== "待整改") {
    return `隐患 ${h.number} 已是「${h.status}」，已有人办理过：请镇安委办（管理员）撤销。`;
  }
  return null;
}

/**
 * Whether the hazard's card shows this person the 撤销 form: only while it is open (a closed card keeps no
 * buttons; an admin can still type /隐患 撤销 for a closed one).
 */
export function mayWithdraw(viewer: Viewer & { openId: string }, h: WithdrawnHazard): boolean {
  return (
    can(viewer.role, "hazard.withdraw") &&
    canSeeHazard(viewer, h) &&
    h.status !== "已撤销" &&
    h.status !== "已销号" &&
    withdrawRefusal(viewer, h) === null
  );
}

/** Whether this person may correct (修改) this hazard: their role, and the hazard within their reach. */
export function mayEdit(viewer: Viewer, h: Pick<HazardPlace, "unitId" | "enterpriseId">): boolean {
  return can(viewer.role, "hazard.edit") && canSeeHazard(viewer, h);
}

/**
 * Whether the hazard's card shows this person the 修改 button: they may correct it and it is still open (once
 * 已销号 or 已撤销 it cannot be corrected, typed or on the form).
 */
export function showsEdit(viewer: Viewer, h: HazardPlace): boolean {
  return mayEdit(viewer, h) && editRefusal(h.status) === null;
}
