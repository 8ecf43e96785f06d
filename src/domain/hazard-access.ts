// Whose hazards a person may see and change, on top of the role table: 管理员 and 领导 all of them, a 干部 their
// unit's, an 企业负责人 their enterprise's. Pure, so typed commands, card buttons and the card's own buttons agree.
import { type CheckRule, checkVerdict } from "./hazard-checker";
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
