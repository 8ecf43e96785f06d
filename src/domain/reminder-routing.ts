// Who receives a reminder, as pure rules: an occasion's audience turned into people, with the fallbacks the
// plan needs (a head not bound → the enterprise's 责任干部, else the unit's 干部; nobody at all → the sector's
// 责任领导, then the admins), and who an unacknowledged item escalates to.
import type { Audience } from "./reminder-occasions";

/** The people bound around one hazard (open_ids). */
export interface HazardPeople {
  unitCadres: readonly string[];
  /** null: the hazard names no registered enterprise */
  enterprise: {
    heads: readonly string[];
    /** the enterprise's 挂点领导 and 责任干部, when linked to bound members */
    liaisonLeaders: readonly string[];
    cadres: readonly string[];
  } | null;
  sectorLeaders: readonly string[];
  admins: readonly string[];
}

function audienceMembers(audience: Audience, p: HazardPeople): readonly string[] {
  switch (audience) {
    case "unit-cadres":
      return p.unitCadres;
    case "enterprise": {
      const e = p.enterprise;
      if (e === null) return [];
      if (e.heads.length > 0) return e.heads;
      return e.cadres.length > 0 ? e.cadres : p.unitCadres;
    }
    case "sector-leaders":
      return p.sectorLeaders;
    case "admins":
      return p.admins;
    case "closers":
      // 销号 is for the sector's bound 责任领导; without one, the admins
      return p.sectorLeaders.length > 0 ? p.sectorLeaders : p.admins;
  }
}

/** The recipients of an occasion, each once, in a stable order; never nobody while anyone is bound. */
export function recipientsOf(audience: readonly Audience[], p: HazardPeople): string[] {
  const chosen = new Set<string>();
  for (const a of audience) for (const id of audienceMembers(a, p)) chosen.add(id);
  if (chosen.size === 0) for (const id of p.sectorLeaders) chosen.add(id);
  if (chosen.size === 0) for (const id of p.admins) chosen.add(id);
  return [...chosen];
}

/** The first escalation: the enterprise's linked 挂点领导 and 责任干部, less those already told. */
export function firstEscalation(p: HazardPeople, alreadyTold: readonly string[]): string[] {
  const told = new Set(alreadyTold);
  const e = p.enterprise;
  if (e === null) return [];
  return [...new Set([...e.liaisonLeaders, ...e.cadres])].filter((id) => !told.has(id));
}
