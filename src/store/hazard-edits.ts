// Corrections to a logged hazard (/隐患 修改) and its withdrawal and restoration (/隐患 撤销, /隐患 恢复): each
// the update, its history row and its audit row (who, when, old → new) in one batch, or nothing at all.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, hazardEvents, hazards } from "../../db/schema";
import { foldDescription } from "../domain/hazard-duplicates";
import type { HazardStatus } from "../domain/hazard-lifecycle";
import { auditRow } from "./audit";
import { type HazardEventKind, type HazardRow, insertIfChanged, nextRevision } from "./hazards";

/** The columns a correction may set. */
export type HazardEditSet = Partial<
  Pick<
    HazardRow,
    | "unitId"
    | "enterpriseId"
    | "enterpriseName"
    | "sectorId"
    | "description"
    | "measures"
    | "deadline"
    | "source"
    | "level"
    | "foundOn"
    | "deadlineExtensions"
    | "originalDeadline"
  >
>;

export interface HazardRewrite {
  /** the hazard as it was read: the write happens only if it is still so (same status, same updatedAt) */
  hazard: Pick<HazardRow, "id" | "number" | "status" | "updatedAt">;
  /** a card's form: the revision it showed; the write happens only if the hazard is still at it */
  revision?: number | undefined;
  kind: Extract<HazardEventKind, "edited" | "withdrawn" | "restored">;
  /** the audit action, e.g. hazard.edit */
  action: string;
  actor: string;
  at: number;
  to: HazardStatus;
  set: HazardEditSet;
  /** the history line: what changed, old → new, and why */
  note: string;
  /** the audit row's before and after, as people read them (names, not only ids) */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** A new description carries its folded key with it (the duplicate check seeks by it). */
function descriptionKeyOf(set: HazardEditSet): { descriptionKey?: string } {
  return set.description === undefined ? {} : { descriptionKey: foldDescription(set.description) };
}

/** False when someone changed the hazard since it was read (then nothing is written). */
export async function rewriteHazard(db: Db, r: HazardRewrite): Promise<boolean> {
  const { hazard } = r;
  const [updated] = await db.batch([
    db
      .update(hazards)
      .set({ ...r.set, ...descriptionKeyOf(r.set), status: r.to, updatedAt: r.at, ...nextRevision })
      .where(
        and(
          eq(hazards.id, hazard.id),
          eq(hazards.status, hazard.status),
          eq(hazards.updatedAt, hazard.updatedAt),
          r.revision === undefined ? undefined : eq(hazards.revision, r.revision),
        ),
      ),
    insertIfChanged(db, hazardEvents, {
      hazardId: hazard.id,
      at: r.at,
      actor: r.actor,
      kind: r.kind,
      note: r.note,
      fromStatus: hazard.status,
      toStatus: r.to,
    }),
    insertIfChanged(
      db,
      auditLog,
      auditRow({
        actor: r.actor,
        action: r.action,
        subjectType: "hazard",
        subjectId: hazard.number,
        before: { status: hazard.status, ...r.before },
        after: { status: r.to, ...r.after, note: r.note },
        at: r.at,
      }),
    ),
  ]);
  return updated.rowsAffected === 1;
}

/** The status a withdrawn hazard had before: its latest 撤销 history row's from_status. */
export async function statusBeforeWithdrawal(db: Db, hazardId: number): Promise<string | undefined> {
  const latest = await db
    .select({ from: hazardEvents.fromStatus })
    .from(hazardEvents)
    .where(and(eq(hazardEvents.hazardId, hazardId), eq(hazardEvents.kind, "withdrawn")))
    .orderBy(desc(hazardEvents.id))
    .limit(1)
    .get();
  return latest?.from ?? undefined;
}
