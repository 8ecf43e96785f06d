// Who counts as an admin: a member bound as 管理员, or an ADMIN_OPEN_IDS entry not bound to another role
// (a member row decides the role, so an env admin bound as 干部 is a 干部). The bot never drops to none.

export interface RoleHolder {
  openId: string;
  role: string;
}

export function effectiveAdmins(members: readonly RoleHolder[], envAdmins: readonly string[]): Set<string> {
  const bound = new Map(members.map((m) => [m.openId, m.role]));
  const admins = new Set(members.filter((m) => m.role === "管理员").map((m) => m.openId));
  for (const id of envAdmins) if (!bound.has(id)) admins.add(id);
  return admins;
}
