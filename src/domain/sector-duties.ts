// Which sector duty a role carries (领导 → 责任领导, 干部 → 责任干部) and the duty rows a binding gives: the rule
// shared by an admin's /绑定, a person's own request and its approval.

export type Duty = "责任领导" | "责任干部";

export interface SectorDuty {
  sectorId: number;
  openId: string;
  duty: Duty;
}

/** The sector duty a role carries: 领导 answer as 责任领导, 干部 as 责任干部, the others carry none. */
export function dutyFor(role: string): Duty | null {
  if (role === "领导") return "责任领导";
  if (role === "干部") return "责任干部";
  return null;
}

/** Why a role takes no 领域=, for refusals. */
export function noDutyReason(role: string): string {
  const why = role === "企业负责人" ? "企业负责人只管自己的企业" : `${role}不按行业领域分工`;
  return `${why}，不写 领域=：领域 只给领导（责任领导）和干部（责任干部）。`;
}

/** The duty rows that give `openId` these sectors under the role's duty. */
export function dutyRows(openId: string, role: string, sectors: { id: number }[]): SectorDuty[] {
  const duty = dutyFor(role);
  return duty === null ? [] : sectors.map((s) => ({ sectorId: s.id, openId, duty }));
}

/** A member as refusals name them: the role, with the unit or enterprise when known. */
export function describeMember(m: { role: string }, place: string | null): string {
  return place ? `${m.role}（${place}）` : m.role;
}
