// Members as cards show them: unit and enterprise named (an enterprise head's unit is the enterprise's), the
// sectors each answers for, and ADMIN_OPEN_IDS admins who are not bound listed too, so the list shows
// everyone who can act.
import type { DutyView, MemberView } from "../../cards/members";
import type { Deps } from "../../src/bot/deps";
import { listEnterprises } from "../../src/store/enterprises";
import type { MemberRow } from "../../src/store/members";
import { listDuties } from "../../src/store/sector-members";
import { listSectors, listUnits } from "../../src/store/units";
import { nameFor } from "../people";

export interface PlacedMember extends MemberView {
  openId: string;
  unitId: number | null;
  /** the sectors the member answers for, for filtering by 领域 */
  sectorIds: number[];
  duties: DutyView[];
  /** the phone as stored (cards show it masked or whole, as the place allows) */
  storedPhone: string | null;
}

const ROLE_ORDER: Record<string, number> = { 管理员: 0, 领导: 1, 干部: 2, 企业负责人: 3 };

/** Members whose name Feishu would not give for a permission the app lacks, and the step that adds it. */
export interface UnnamedMembers {
  count: number;
  /** the console step Feishu's answer points to (a missing scope or the contact range); null if it did not say */
  fix: string | null;
}

/**
 * The members as the list shows them. A name is the stored one; an ADMIN_OPEN_IDS admin's, and one stored as
 * the bare open_id (the contact API failed at binding), is looked up now; `unnamed` counts those Feishu
 * refused for a missing permission.
 */
export async function memberViews(
  deps: Deps,
  rows: MemberRow[],
): Promise<{ views: PlacedMember[]; unnamed: UnnamedMembers }> {
  const unnamed: UnnamedMembers = { count: 0, fix: null };
  const named = async (openId: string, stored: string | null): Promise<string> => {
    const found = await nameFor(deps, openId, stored === openId ? null : stored);
    if (found.lacking) {
      unnamed.count += 1;
      unnamed.fix ??= found.fix ?? null;
    }
    return found.name;
  };
  const [units, enterprises, sectors, duties] = await Promise.all([
    // names for whatever a member is bound to, retired or not
    listUnits(deps.db, { withRetired: true }),
    listEnterprises(deps.db, { withRetired: true }),
    listSectors(deps.db),
    listDuties(deps.db),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const sectorName = new Map(sectors.map((s) => [s.id, s.name]));
  const dutiesOf = (openId: string) => duties.filter((d) => d.openId === openId);
  const enterpriseById = new Map(enterprises.map((e) => [e.id, e]));
  const views: PlacedMember[] = [];
  for (const m of rows) {
    const enterprise = m.enterpriseId === null ? undefined : enterpriseById.get(m.enterpriseId);
    const unitId = enterprise?.unitId ?? m.unitId;
    const own = dutiesOf(m.openId);
    views.push({
      openId: m.openId,
      name: await named(m.openId, m.name),
      role: m.role,
      unitId,
      unitName: unitId === null ? null : (unitName.get(unitId) ?? null),
      enterpriseName: enterprise?.name ?? null,
      sectorIds: own.map((d) => d.sectorId),
      duties: own.map((d) => ({ sector: sectorName.get(d.sectorId) ?? String(d.sectorId), duty: d.duty })),
      storedPhone: m.phone,
    });
  }
  const bound = new Set(rows.map((m) => m.openId));
  for (const openId of deps.config.adminOpenIds) {
    if (bound.has(openId)) continue;
    views.push({
      openId,
      name: await named(openId, null),
      role: "管理员",
      unitId: null,
      unitName: null,
      enterpriseName: null,
      sectorIds: [],
      duties: [],
      storedPhone: null,
      fromEnv: true,
    });
  }
  views.sort((a, b) => (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9));
  return { views, unnamed };
}
