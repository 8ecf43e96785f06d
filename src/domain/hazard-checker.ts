// Who checks is not who fixed ("谁检查、谁签名、谁负责"): 销号 and 退回 are for an admin or the sector's bound
// 责任领导, and never for the person who reported the 整改完成, unless the township allows 自验 (允许自验=是),
// in which case the check is marked 自验 on the card and in the history. Pure.
import type { RoleOrUnbound } from "./permissions";

export interface CheckRule {
  /** open_ids bound to the hazard's sector as 责任领导 */
  sectorLeaders: readonly string[];
  /** who reported the 整改完成 awaiting the check (the latest one), null when none */
  rectifiedBy: string | null;
  /** the 允许自验 setting */
  selfCheckAllowed: boolean;
}

export type CheckVerdict =
  | { ok: true; selfCheck: boolean }
  /** not-checker: neither an admin nor the sector's bound 责任领导; own-work: reported the 整改完成 */
  | { ok: false; why: "not-checker" | "own-work" };

export function checkVerdict(openId: string, role: RoleOrUnbound, rule: CheckRule): CheckVerdict {
  const checker = role === "管理员" || (role === "领导" && rule.sectorLeaders.includes(openId));
  if (!checker) return { ok: false, why: "not-checker" };
  const own = rule.rectifiedBy !== null && rule.rectifiedBy === openId;
  if (own && !rule.selfCheckAllowed) return { ok: false, why: "own-work" };
  return { ok: true, selfCheck: own };
}

/** Who may check, in words for a refusal: the admins and the sector's bound 责任领导 by name. */
export function whoChecks(sectorName: string, leaderNames: readonly string[]): string {
  const leaders =
    leaderNames.length > 0
      ? `「${sectorName}」领域的责任领导（${leaderNames.join("、")}）`
      : `「${sectorName}」领域的责任领导（还没有绑定：管理员可 /绑定 @某人 角色=领导 领域=${sectorName}）`;
  return `管理员或${leaders}`;
}

/**
 * The one-admin trap: with a single admin and no 责任领导 bound to any sector, what the admin reports as 整改完成
 * can never be checked. Null when there is no trap (or 允许自验 is on).
 */
export function stuckWarning(admins: number, boundLeaders: number, selfCheckAllowed: boolean): string | null {
  if (selfCheckAllowed || admins > 1 || boundLeaders > 0) return null;
  return `注意：现在只有 ${admins} 位管理员，也没有绑定任何领域的责任领导。销号和退回只能由管理员或该领域的责任领导办理，且不能由报整改完成的人自己验收：管理员自己报的整改完成将无人能验收。请绑定责任领导（/绑定 @某人 角色=领导 领域=…）或再绑定一位管理员，或 /设置 允许自验=是。`;
}
