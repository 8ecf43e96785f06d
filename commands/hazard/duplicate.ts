// The duplicate check of `/隐患 新增` and the entry form: a new hazard like an open one logged in the last 7 days
// is held (the draft kept by the bot) and answered with both and a 仍要登记 button, which only its author may
// press; the press logs it once, however often it is pressed.
import { hazardDuplicateCard } from "../../cards/hazard-duplicate";
import type { Card } from "../../cards/types";
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { duplicateSince, isDuplicate } from "../../src/domain/hazard-duplicates";
import { governmentOwnsNoHazards } from "../../src/domain/hazard-owner";
import { zonedParts } from "../../src/domain/time";
import {
  describeHazards,
  duplicateCandidates,
  getPendingHazard,
  type HazardDraft,
  holdPendingHazard,
  type RecentHazard,
} from "../../src/store/hazard-duplicates";
import { type HazardRow, submissionResult } from "../../src/store/hazards";
import { getUnit, townshipGovernmentIds } from "../../src/store/units";
import type { CardAction, CardAnswer } from "../types";
import { answerDone, type Complete, logHazard } from "./new-hazard";
import { tellCadresOfFormHazard, tellHeadsOfNewHazard } from "./notices";

/** The open hazards logged in the last 7 days that the draft repeats. */
export async function duplicatesOf(deps: Deps, draft: HazardDraft): Promise<RecentHazard[]> {
  const now = deps.now();
  const candidates = await duplicateCandidates(deps.db, {
    since: duplicateSince(now),
    enterpriseId: draft.enterpriseId,
    enterpriseName: draft.enterpriseName,
    description: draft.description,
  });
  const repeats = candidates.filter((old) => isDuplicate(draft, old, now));
  return describeHazards(
    deps.db,
    repeats.map((r) => r.id),
  );
}

/** Keeps the draft for its author and builds the card that shows it beside the hazards it repeats. */
export async function holdDuplicate(
  deps: Deps,
  actor: Actor,
  o: { draft: HazardDraft; full: Complete; chatId: string; existing: RecentHazard[] },
): Promise<Card> {
  const pendingId = await holdPendingHazard(deps.db, {
    openId: actor.openId,
    chatId: o.chatId,
    draft: o.draft,
    at: deps.now(),
  });
  return hazardDuplicateCard({
    pendingId,
    existing: o.existing,
    timezone: deps.config.timezone,
    draft: {
      unitName: o.full.unit.name,
      enterpriseName: o.full.enterprise.name,
      sectorName: o.full.sector.name,
      description: o.full.description,
      measures: o.full.measures,
      deadline: o.full.deadline,
    },
  });
}

const warn = (content: string): CardAnswer => ({ toast: { type: "warning", content } });

export const createAnywayAction: CardAction = {
  name: "hazard.create_anyway",
  permission: "hazard.create",
  async run({ deps, actor, event, value }) {
    const id = typeof value.pending === "number" ? value.pending : Number(value.pending);
    const pending = Number.isInteger(id) ? await getPendingHazard(deps.db, id) : undefined;
    if (!pending) return warn("这张卡片已失效，请重新发送 /隐患 新增。");
    if (pending.openId !== actor.openId) return warn("只有登记这条隐患的人能点「仍要登记」。");
    // A held entry keeps its unit as typed then: the township government owns no hazards, whatever the draft says.
    if ((await townshipGovernmentIds(deps.db)).has(pending.draft.unitId)) {
      const unit = await getUnit(deps.db, pending.draft.unitId);
      return warn(
        `没有登记：${governmentOwnsNoHazards(unit?.name ?? "高兴镇人民政府")}请重新发送 /隐患 新增。`,
      );
    }
    const key = `hazard.pending:${pending.id}`;
    const done = await submissionResult(deps.db, key);
    if (done) return answerDone(deps, actor, done, `已登记为 ${done}，没有重复登记。`);
    let hazard: HazardRow;
    try {
      hazard = await logHazard(deps, actor, pending.draft, {
        year: zonedParts(deps.now(), deps.config.timezone).year,
        chatId: pending.chatId || null,
        // The card pressed becomes the hazard's card only in its group (a private one is not its home).
        cardMessageId: pending.chatId ? event.messageId || null : null,
        submissionKey: key,
      });
    } catch (error) {
      // Two presses at once: the other one logged it.
      const raced = await submissionResult(deps.db, key);
      if (raced) return answerDone(deps, actor, raced, `已登记为 ${raced}，没有重复登记。`);
      throw error;
    }
    deps.background(() => tellCadresOfFormHazard(deps, pending.chatId, hazard));
    deps.background(() => tellHeadsOfNewHazard(deps, hazard));
    return answerDone(deps, actor, hazard.number, `已登记 ${hazard.number}`);
  },
};
