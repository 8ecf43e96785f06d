// An enterprise's 挂点领导 and 责任干部 as bound members (enterprises.liaison_leader_open_id, cadre_open_id):
// what /企业 查看 shows, and whom the reminders escalate to (stage 1). A link counts only while the member is
// bound with a fitting role (src/domain/enterprise-links.ts): an unbound or re-bound person is not reminded.
import { eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { enterprises, members } from "../../db/schema";
import { type EnterpriseLink, fitsLink } from "../domain/enterprise-links";
import type { Role } from "../domain/permissions";

export interface LinkedMember {
  openId: string;
  name: string;
  role: Role;
  /** their own phone (normalised), or null: for the forms' 联系电话, masked in group cards */
  phone: string | null;
}

/** One enterprise's links as stored: the open_id, and the member when still bound with a fitting role. */
export interface StoredLink {
  openId: string;
  member: LinkedMember | null;
  /** the member as bound today, fitting or not (null: unbound) */
  boundAs: LinkedMember | null;
}

export interface EnterpriseLinks {
  liaisonLeader: StoredLink | null;
  cadre: StoredLink | null;
}

const asLinked = (m: typeof members.$inferSelect): LinkedMember => ({
  openId: m.openId,
  name: m.name,
  role: m.role,
  phone: m.phone,
});

function stored(link: EnterpriseLink, openId: string | null, bound: Map<string, LinkedMember>) {
  if (openId === null) return null;
  const boundAs = bound.get(openId) ?? null;
  return { openId, boundAs, member: boundAs && fitsLink(link, boundAs.role) ? boundAs : null };
}

/** The links of several enterprises, keyed by enterprise id (enterprises without links are left out). */
export async function enterpriseLinksOf(
  db: Db,
  enterpriseIds: number[],
): Promise<Map<number, EnterpriseLinks>> {
  const out = new Map<number, EnterpriseLinks>();
  if (enterpriseIds.length === 0) return out;
  const rows = await db
    .select({ id: enterprises.id, leader: enterprises.liaisonLeaderOpenId, cadre: enterprises.cadreOpenId })
    .from(enterprises)
    .where(inArray(enterprises.id, enterpriseIds));
  const ids = rows.flatMap((r) => [r.leader, r.cadre]).filter((id): id is string => id !== null);
  if (ids.length === 0) return out;
  const bound = new Map(
    (await db.select().from(members).where(inArray(members.openId, ids))).map((m) => [m.openId, asLinked(m)]),
  );
  for (const r of rows) {
    if (r.leader === null && r.cadre === null) continue;
    out.set(r.id, {
      liaisonLeader: stored("挂点领导", r.leader, bound),
      cadre: stored("责任干部", r.cadre, bound),
    });
  }
  return out;
}

/**
 * For one enterprise: its linked 挂点领导 and 责任干部 as bound members (null where nobody is linked, or the
 * person linked is no longer bound with a fitting role). The forms' and reminders' way in.
 */
export async function linkedMembersOf(
  db: Db,
  enterpriseId: number,
): Promise<{ liaisonLeader: LinkedMember | null; cadre: LinkedMember | null }> {
  const links = (await enterpriseLinksOf(db, [enterpriseId])).get(enterpriseId);
  return { liaisonLeader: links?.liaisonLeader?.member ?? null, cadre: links?.cadre?.member ?? null };
}

/**
 * Every enterprise's linked members by open_id, in the shape the reminders' routing takes
 * (`liaisonLeaders`, `cadres`): one read for a whole run. Retired enterprises included (their hazards remain).
 */
export async function linkedOpenIdsByEnterprise(
  db: Db,
): Promise<Map<number, { liaisonLeaders: string[]; cadres: string[] }>> {
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(or(isNotNull(enterprises.liaisonLeaderOpenId), isNotNull(enterprises.cadreOpenId)));
  const links = await enterpriseLinksOf(
    db,
    rows.map((r) => r.id),
  );
  const out = new Map<number, { liaisonLeaders: string[]; cadres: string[] }>();
  for (const [id, l] of links) {
    out.set(id, {
      liaisonLeaders: l.liaisonLeader?.member ? [l.liaisonLeader.member.openId] : [],
      cadres: l.cadre?.member ? [l.cadre.member.openId] : [],
    });
  }
  return out;
}

/** The member with this open_id, as a link candidate (null: not bound). */
export async function memberForLink(db: Db, openId: string): Promise<LinkedMember | null> {
  const m = await db.select().from(members).where(eq(members.openId, openId)).get();
  return m ? asLinked(m) : null;
}
