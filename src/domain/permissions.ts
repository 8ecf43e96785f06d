// Who may do what: one table for every command and every card button. Scope (own unit, own enterprise)
// is checked by the command on top of this, with the helpers at the end of this file.

export const ROLES = ["管理员", "领导", "干部", "企业负责人"] as const;
export type Role = (typeof ROLES)[number];
/** A person bound to nothing: may ask for help and ask to be bound. */
export type RoleOrUnbound = Role | "未绑定";

const EVERYONE: readonly RoleOrUnbound[] = ["管理员", "领导", "干部", "企业负责人", "未绑定"];
const MEMBERS: readonly RoleOrUnbound[] = ["管理员", "领导", "干部", "企业负责人"];
const ADMIN: readonly RoleOrUnbound[] = ["管理员"];
const ADMIN_LEADER: readonly RoleOrUnbound[] = ["管理员", "领导"];

export const PERMISSIONS = {
  "help.view": EVERYONE,
  "member.request": EVERYONE,
  "member.bind": ADMIN,
  "member.unbind": ADMIN,
  "member.list": ADMIN_LEADER,
  "member.approve": ADMIN,
  /** /我: one's own binding, and one's own phone (an ADMIN_OPEN_IDS admin not bound is told to bind first) */
  "member.self": MEMBERS,
  "unit.list": MEMBERS,
  "unit.create": ADMIN,
  "unit.edit": ADMIN,
  "unit.retire": ADMIN,
  "unit.delete": ADMIN,
  "enterprise.view": MEMBERS,
  "enterprise.create": ADMIN,
  "enterprise.edit": ADMIN,
  "enterprise.retire": ADMIN,
  "enterprise.import": ADMIN,
  "hazard.create": ["管理员", "领导", "干部"],
  "hazard.view": MEMBERS,
  "hazard.progress": ["管理员", "干部", "企业负责人"],
  "hazard.rectified": ["管理员", "干部", "企业负责人"],
  "hazard.close": ADMIN_LEADER,
  "hazard.return": ADMIN_LEADER,
  "hazard.supervise": ADMIN_LEADER,
  /** 督办 确认=是: a lower posting over a higher one */
  "hazard.supervise.confirm": ADMIN,
  "hazard.supervise.withdraw": ADMIN,
  /** /隐患 实质进展: marks the 督办 clock met */
  "hazard.progress_met": ADMIN_LEADER,
  "hazard.edit": ["管理员", "领导", "干部"],
  // a 干部 only a hazard they logged, while 待整改 (checked by the command)
  "hazard.withdraw": ["管理员", "干部"],
  "hazard.restore": ADMIN,
  "reminder.status": MEMBERS,
  "reminder.pause": ADMIN,
  // the card checks that the presser is the addressee (or an admin, acknowledging on their behalf)
  "reminder.ack": MEMBERS,
  "ranking.view": MEMBERS,
  // 干部 and 企业负责人 their own unit's (an enterprise head their enterprise's rows), checked by the command
  "ledger.view": MEMBERS,
  "ledger.export": ["管理员", "领导", "干部"],
  // a unit's 干部 their own unit's month; an admin any unit's, naming it
  "ledger.confirm": ["管理员", "干部"],
  "form4.view": ["管理员", "领导", "干部"],
  // the sector's bound 责任干部 (checked by the command) or an admin
  "form4.file": ["管理员", "干部"],
  // a 干部 their own unit's cases
  "case.create": ["管理员", "干部"],
  "case.list": ["管理员", "领导", "干部"],
  // a 干部 the cases of their own unit (checked by the command, src/domain/case-access.ts)
  "case.edit": ["管理员", "干部"],
  "case.delete": ["管理员", "干部"],
  "settings.view": ADMIN,
  "settings.change": ADMIN,
} as const satisfies Record<string, readonly RoleOrUnbound[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(role: RoleOrUnbound, action: Action): boolean {
  return (PERMISSIONS[action] as readonly RoleOrUnbound[]).includes(role);
}

/** Roles that see and act on everything, not only their own unit or enterprise. */
export function seesAll(role: RoleOrUnbound): boolean {
  return role === "管理员" || role === "领导";
}
