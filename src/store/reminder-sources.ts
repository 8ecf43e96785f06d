// What the reminders job reads: the hazards still open with the facts the rules need, and the people bound
// around them (unit 干部, enterprise heads and linked 挂点领导/责任干部, sector 责任领导, admins), read once per run.
import { and, desc, eq, inArray, notInArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  enterprises,
  hazardEvents,
  hazardSupervisions,
  hazards,
  members,
  reminderPauses,
  sectorMembers,
} from "../../db/schema";
import { effectiveAdmins } from "../domain/admins";
import type { HazardFacts } from "../domain/reminder-occasions";
import type { HazardPeople } from "../domain/reminder-routing";
import { metFor, standingPosting } from "../domain/supervision-clock";
import { dateIn } from "../domain/time";
import { linkedOpenIdsByEnterprise } from "./enterprise-links";
import type { PostingRow } from "./hazards";

export interface ReminderHazard extends HazardFacts {
  unitId: number;
  sectorId: number;
  enterpriseId: number | null;
  enterpriseName: string;
  description: string;
  /** the group its card was posted in: where someone the bot cannot message privately is @mentioned */
  chatId: string | null;
}

/** Hazards that can still be due for something (not closed, not withdrawn), with their facts. */
export async function openHazards(db: Db, timeZone: string): Promise<ReminderHazard[]> {
  const rows = await db
    .select()
    .from(hazards)
    .where(notInArray(hazards.status, ["已销号", "已撤销"]));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const rectified = await db
    .select({ hazardId: hazardEvents.hazardId, at: hazardEvents.at })
    .from(hazardEvents)
    .where(and(inArray(hazardEvents.hazardId, ids), eq(hazardEvents.kind, "rectified")))
    .orderBy(desc(hazardEvents.at));
  const lastRectified = new Map<number, number>();
  for (const r of rectified) if (!lastRectified.has(r.hazardId)) lastRectified.set(r.hazardId, r.at);
  const pauses = await pausesOf(db, ids);
  const postings = await postingsOf(db, ids);
  return rows.map((h) => {
    const rectifiedAt = lastRectified.get(h.id);
    return {
      id: h.id,
      number: h.number,
      status: h.status,
      level: h.level,
      source: h.source,
      deadline: h.deadline,
      foundOn: h.foundOn,
      supervision: standingOf(postings.get(h.id) ?? [], h.progressMetOn),
      rectifiedOn: h.status === "待验收" && rectifiedAt !== undefined ? dateIn(rectifiedAt, timeZone) : null,
      pausedUntil: pauses.get(h.id) ?? null,
      unitId: h.unitId,
      sectorId: h.sectorId,
      enterpriseId: h.enterpriseId,
      enterpriseName: h.enterpriseName,
      description: h.description,
      chatId: h.chatId,
    };
  });
}

/** The standing 督办 posting (the highest not withdrawn) and whether substantive progress was met for it. */
function standingOf(postings: PostingRow[], progressMetOn: string | null): HazardFacts["supervision"] {
  const posting = standingPosting(postings);
  if (posting === null) return null;
  return { key: String(posting.id), dueOn: posting.dueOn, met: metFor(posting, progressMetOn) !== null };
}

async function postingsOf(db: Db, ids: number[]): Promise<Map<number, PostingRow[]>> {
  const rows = await db.select().from(hazardSupervisions).where(inArray(hazardSupervisions.hazardId, ids));
  const out = new Map<number, PostingRow[]>();
  for (const r of rows) out.set(r.hazardId, [...(out.get(r.hazardId) ?? []), r]);
  return out;
}

async function pausesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  const rows = await db
    .select({ id: reminderPauses.subjectId, until: reminderPauses.until })
    .from(reminderPauses)
    .where(and(eq(reminderPauses.subjectKind, "hazard"), inArray(reminderPauses.subjectId, ids)));
  return new Map(rows.map((r) => [r.id, r.until]));
}

/** Everyone bound, read once: `peopleOf` answers per hazard from it. */
export interface PeopleDirectory {
  peopleOf(h: Pick<ReminderHazard, "unitId" | "sectorId" | "enterpriseId">): HazardPeople;
  admins: string[];
  names: Map<string, string>;
}

export async function peopleDirectory(db: Db, envAdmins: readonly string[]): Promise<PeopleDirectory> {
  const all = await db.select().from(members);
  const duties = await db.select().from(sectorMembers).where(eq(sectorMembers.duty, "责任领导"));
  const known = await db.select({ id: enterprises.id }).from(enterprises);
  const registered = new Set(known.map((e) => e.id));
  const links = await linkedOpenIdsByEnterprise(db);
  const admins = [...effectiveAdmins(all, envAdmins)].sort();
  const sorted = [...all].sort((a, b) => a.openId.localeCompare(b.openId));
  return {
    admins,
    names: new Map(all.map((m) => [m.openId, m.name])),
    peopleOf(h) {
      const enterpriseId = h.enterpriseId !== null && registered.has(h.enterpriseId) ? h.enterpriseId : null;
      return {
        unitCadres: sorted.filter((m) => m.role === "干部" && m.unitId === h.unitId).map((m) => m.openId),
        enterprise:
          enterpriseId === null
            ? null
            : {
                heads: sorted
                  .filter((m) => m.role === "企业负责人" && m.enterpriseId === enterpriseId)
                  .map((m) => m.openId),
                // its 挂点领导 and 责任干部 as linked members still bound with a fitting role
                liaisonLeaders: links.get(enterpriseId)?.liaisonLeaders ?? [],
                cadres: links.get(enterpriseId)?.cadres ?? [],
              },
        sectorLeaders: duties
          .filter((d) => d.sectorId === h.sectorId)
          .map((d) => d.openId)
          .sort(),
        admins,
      };
    },
  };
}
