// What a /绑定 line asks for (角色, 单位, 企业, 领域), checked the same way for an admin's binding and a
// person's own request: 干部 needs a unit, 企业负责人 an enterprise (its unit follows the enterprise);
// 领域 makes a 领导 the sectors' 责任领导 and a 干部 their 责任干部. Without 角色, 领域 alone adds duties to
// someone already bound.

import type { DutyView } from "../../cards/members";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { excerpt } from "../../src/domain/excerpt";
import { ROLES, type Role } from "../../src/domain/permissions";
import { readPhoneValue } from "../../src/domain/phone";
import { dutyFor, noDutyReason } from "../../src/domain/sector-duties";
import type { SectorDutyRow } from "../../src/store/sector-members";
import { listSectors } from "../../src/store/units";
import { readArgs } from "../args";
import { resolveEnterprise, resolveSector, resolveUnit } from "../lookups";

export interface SectorChoice {
  id: number;
  name: string;
}

export interface Binding {
  role: Role;
  unitId: number | null;
  unitName: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
  /** the sectors the person answers for (none unless 领域= was written) */
  sectors: SectorChoice[];
  /** their own phone (电话=), normalised; null when not given */
  phone: string | null;
}

/**
 * A /绑定 line: a role to bind someone to, or (no 角色) for someone already bound, more duties (领域) or their
 * phone (电话=, 无 clears it).
 */
export type BindLine =
  | { kind: "role"; binding: Binding }
  | { kind: "duties"; sectors: SectorChoice[] }
  | { kind: "phone"; phone: string | null };

function isRole(text: string): text is Role {
  return (ROLES as readonly string[]).includes(text);
}

/** Duties as cards show them: the sector by name. */
export async function dutyViews(
  deps: Deps,
  rows: Pick<SectorDutyRow, "sectorId" | "duty">[],
): Promise<DutyView[]> {
  if (rows.length === 0) return [];
  const names = new Map((await listSectors(deps.db)).map((s) => [s.id, s.name]));
  return rows.map((r) => ({ sector: names.get(r.sectorId) ?? String(r.sectorId), duty: r.duty }));
}

const SECTOR_SEPARATORS = /[、,，/／]/;

/** 领域=危化品、消防: one or several sectors, each resolved (unknown names refused with the closest ones). */
export async function readSectors(deps: Deps, text: string): Promise<SectorChoice[]> {
  const names = text
    .split(SECTOR_SEPARATORS)
    .map((n) => n.trim())
    .filter((n) => n !== "");
  if (names.length === 0)
    throw new BotError("bad_input", "领域= 后面要写行业领域，几个领域用 、 分开，例如 领域=危化品、消防");
  const chosen = new Map<number, SectorChoice>();
  for (const name of names) {
    const sector = await resolveSector(deps, name);
    chosen.set(sector.id, { id: sector.id, name: sector.name });
  }
  return [...chosen.values()].sort((a, b) => a.id - b.id);
}

/** The keys of a /绑定 line (synonyms included). */
export const BIND_KEYS = {
  角色: "role",
  身份: "role",
  单位: "unit",
  企业: "enterprise",
  领域: "sectors",
  行业领域: "sectors",
  电话: "phone",
  手机: "phone",
  联系电话: "phone",
} as const;

const PHONE_USAGE = "/绑定 @某人 电话=13800000001（给已绑定的人填写电话，电话=无 清除）";

function readPhone(text: string): string | null {
  const read = readPhoneValue(text);
  if (!read.ok) throw new BotError("bad_input", `电话${read.error}`, [PHONE_USAGE]);
  return read.phone;
}

export async function readBindLine(deps: Deps, named: Record<string, string>): Promise<BindLine> {
  const args = readArgs(named, BIND_KEYS);
  const roleText = args.role?.trim() ?? "";
  if (roleText === "") {
    if (args.sectors === undefined && args.phone === undefined)
      throw new BotError("bad_input", `缺少角色：角色=${ROLES.join("/")}`);
    if (args.unit !== undefined || args.enterprise !== undefined) {
      throw new BotError(
        "bad_input",
        "不写 角色= 时只能写 领域=（给已绑定的领导、干部添加负责领域）或 电话=；要改单位或企业，先 /解绑 再绑定。",
      );
    }
    if (args.sectors !== undefined && args.phone !== undefined) {
      throw new BotError("bad_input", "领域= 和 电话= 请分两条发：一条添加负责领域，一条填写电话。", [
        PHONE_USAGE,
      ]);
    }
    if (args.phone !== undefined) return { kind: "phone", phone: readPhone(args.phone) };
    return { kind: "duties", sectors: await readSectors(deps, args.sectors ?? "") };
  }
  if (!isRole(roleText))
    throw new BotError("bad_input", `角色应是 ${ROLES.join("、")} 之一，「${excerpt(roleText)}」不行`);
  const role = roleText;
  const phone = args.phone === undefined ? null : readPhone(args.phone);
  if (args.sectors !== undefined && dutyFor(role) === null)
    throw new BotError("bad_input", noDutyReason(role));
  const unit = args.unit?.trim() ? await resolveUnit(deps, args.unit.trim()) : undefined;
  if (role === "企业负责人") {
    if (!args.enterprise?.trim())
      throw new BotError("bad_input", "企业负责人要写 企业=…（已登记的企业名称）");
    const enterprise = await resolveEnterprise(deps, args.enterprise.trim());
    if (unit && unit.id !== enterprise.unitId) {
      throw new BotError(
        "bad_input",
        `企业负责人的单位随企业：「${enterprise.name}」的责任单位不是「${unit.name}」，不用写 单位=`,
      );
    }
    const binding: Binding = {
      role,
      unitId: null,
      unitName: null,
      enterpriseId: enterprise.id,
      enterpriseName: enterprise.name,
      sectors: [],
      phone,
    };
    return { kind: "role", binding };
  }
  if (args.enterprise !== undefined) throw new BotError("bad_input", "只有企业负责人要写 企业=…");
  if (role === "干部" && !unit) throw new BotError("bad_input", "干部要写 单位=…（所在的单位）");
  const sectors = args.sectors === undefined ? [] : await readSectors(deps, args.sectors);
  const binding: Binding = {
    role,
    unitId: unit?.id ?? null,
    unitName: unit?.name ?? null,
    enterpriseId: null,
    enterpriseName: null,
    sectors,
    phone,
  };
  return { kind: "role", binding };
}

/** The refusal of a change that would leave the bot without any admin (checked inside the write). */
export function noAdminLeft(): BotError {
  return new BotError("conflict", "这样就没有管理员了：请先绑定另一位管理员，再做这个改动。");
}
