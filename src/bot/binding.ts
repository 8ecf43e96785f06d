// What a /绑定 line asks for (角色, 单位, 企业), checked the same way for an admin's binding and a
// person's own request: 干部 needs a unit, 企业负责人 an enterprise (its unit follows the enterprise).
import { effectiveAdmins } from "../domain/admins";
import { ROLES, type Role } from "../domain/permissions";
import { listMembers, type MemberRow } from "../store/members";
import { readArgs } from "./args";
import type { Deps } from "./deps";
import { resolveEnterprise } from "./enterprises";
import { BotError } from "./errors";
import { resolveUnit } from "./lookups";

export interface Binding {
  role: Role;
  unitId: number | null;
  unitName: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
}

function isRole(text: string): text is Role {
  return (ROLES as readonly string[]).includes(text);
}

export async function readBinding(deps: Deps, named: Record<string, string>): Promise<Binding> {
  const args = readArgs(named, { 角色: "role", 身份: "role", 单位: "unit", 企业: "enterprise" });
  const roleText = args.role?.trim() ?? "";
  if (roleText === "") throw new BotError("bad_input", `缺少角色：角色=${ROLES.join("/")}`);
  if (!isRole(roleText))
    throw new BotError("bad_input", `角色应是 ${ROLES.join("、")} 之一，「${roleText}」不行`);
  const role = roleText;
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
    return {
      role,
      unitId: null,
      unitName: null,
      enterpriseId: enterprise.id,
      enterpriseName: enterprise.name,
    };
  }
  if (args.enterprise !== undefined) throw new BotError("bad_input", "只有企业负责人要写 企业=…");
  if (role === "干部" && !unit) throw new BotError("bad_input", "干部要写 单位=…（所在的单位）");
  return {
    role,
    unitId: unit?.id ?? null,
    unitName: unit?.name ?? null,
    enterpriseId: null,
    enterpriseName: null,
  };
}

export function describeMember(m: Pick<MemberRow, "role">, place: string | null): string {
  return place ? `${m.role}（${place}）` : m.role;
}

/**
 * Refuses a change that would leave the bot without any admin. `change` is the member list after it: a
 * binding adds a row, an unbinding removes one.
 */
export async function keepAnAdmin(
  deps: Deps,
  change: (rows: MemberRow[]) => { openId: string; role: string }[],
) {
  const after = change(await listMembers(deps.db));
  if (effectiveAdmins(after, deps.config.adminOpenIds).size === 0) {
    throw new BotError("conflict", "这样就没有管理员了：请先绑定另一位管理员，再做这个改动。");
  }
}
