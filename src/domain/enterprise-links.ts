// Who may be linked to an enterprise as its 挂点领导 or 责任干部: the plan's 挂点领导 is a township leader, so a
// bound 领导; its 责任干部 is a cadre, and a leader may stand in (a small township's leader often does both), so
// a bound 干部 or 领导. Admins (镇安委办) and enterprise heads are neither.
import type { Role } from "./permissions";

export type EnterpriseLink = "挂点领导" | "责任干部";

export const LINK_ROLES: Record<EnterpriseLink, readonly Role[]> = {
  挂点领导: ["领导"],
  责任干部: ["干部", "领导"],
};

/** The words that remove a link (`挂点领导=无`): the 公示牌 text stays. */
export const NO_LINK = ["无", "不关联", "取消"] as const;

export function fitsLink(link: EnterpriseLink, role: Role): boolean {
  return LINK_ROLES[link].includes(role);
}

/** What a 挂点领导= / 责任干部= value means: a member mentioned, no member, or the 公示牌 text as before. */
export type LinkValue =
  | { kind: "member"; openId: string }
  | { kind: "none" }
  | { kind: "text" }
  /** a mention with other words, or several: one person per link */
  | { kind: "mixed" };

export function readLinkValue(value: string | undefined): LinkValue {
  const v = (value ?? "").trim();
  if (/^@ou_[0-9A-Za-z_-]+$/.test(v)) return { kind: "member", openId: v.slice(1) };
  if (v.includes("@ou_")) return { kind: "mixed" };
  if ((NO_LINK as readonly string[]).includes(v)) return { kind: "none" };
  return { kind: "text" };
}
