// What every /隐患 subcommand and button shares: finding a hazard by number within what the person may see,
// and building its card for that person (their buttons only), posted or answered.

import { hazardCard } from "../../cards/hazard";
import { supersededHazardCard } from "../../cards/hazard-superseded";
import type { Card } from "../../cards/types";
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { excerpt } from "../../src/domain/excerpt";
import { availableMoves, canSeeHazard } from "../../src/domain/hazard-access";
import { parseHazardNumber } from "../../src/domain/hazard-input";
import { dateIn } from "../../src/domain/time";
import type { Outgoing, Posted } from "../../src/feishu/messenger";
import { memberNames } from "../../src/store/hazard-audience";
import { getHazardDetail, type HazardDetail, setHazardCard } from "../../src/store/hazards";

export function todayOf(deps: Deps): string {
  return dateIn(deps.now(), deps.config.timezone);
}

/** The hazard number written after the subcommand, or a bad_input that says how to write one. */
export function readNumber(text: string | undefined, usage: string): string {
  if (!text) throw new BotError("bad_input", "缺少隐患编号，例如 YH-2023-0007。", [usage]);
  const number = parseHazardNumber(text);
  if (!number)
    throw new BotError("bad_input", `「${excerpt(text)}」不是隐患编号：编号形如 YH-2023-0007。`, [usage]);
  return number;
}

/** The hazard with its latest history, if the person may see it; otherwise not_found or forbidden. */
export async function findHazard(deps: Deps, actor: Actor, number: string): Promise<HazardDetail> {
  const detail = await getHazardDetail(deps.db, number);
  if (!detail) throw new BotError("not_found", `没有编号为 ${number} 的隐患。发送 /隐患 列表 查看台账。`);
  if (!canSeeHazard(actor, detail.hazard)) {
    const whose = actor.role === "企业负责人" ? "本企业" : "本单位";
    throw new BotError(
      "forbidden",
      `隐患 ${number} 属于「${detail.hazard.unitName}」「${detail.hazard.enterpriseName}」，你只能查看和办理${whose}的隐患。`,
    );
  }
  return detail;
}

export interface CardOptions {
  notices?: string[];
  mentions?: string[];
}

export async function cardFor(
  deps: Deps,
  viewer: Actor,
  detail: HazardDetail,
  o: CardOptions = {},
): Promise<Card> {
  const names = await memberNames(deps.db, [
    detail.hazard.reportedBy,
    ...(detail.hazard.checkedBy ? [detail.hazard.checkedBy] : []),
    ...detail.events.map((e) => e.actor),
  ]);
  return hazardCard({
    detail,
    today: todayOf(deps),
    timezone: deps.config.timezone,
    names,
    moves: availableMoves(viewer, detail.hazard),
    ...(o.notices ? { notices: o.notices } : {}),
    ...(o.mentions ? { mentions: o.mentions } : {}),
  });
}

/** Re-reads the hazard (after a change) and builds its card for the person. */
export async function freshCard(
  deps: Deps,
  viewer: Actor,
  number: string,
  o: CardOptions = {},
): Promise<Card> {
  const detail = await getHazardDetail(deps.db, number);
  if (!detail) throw new BotError("not_found", `没有编号为 ${number} 的隐患。`);
  return cardFor(deps, viewer, detail, o);
}

/**
 * Posts the hazard's card and remembers it as the hazard's card, so a reply to it reaches the hazard. The card
 * it replaces loses its buttons (patched after the answer): pressing them would act on a state gone by.
 */
export async function postHazardCard(
  deps: Deps,
  post: (message: Outgoing, ref?: string) => Promise<Posted>,
  hazard: { id: number },
  chatId: string | null,
  card: Card,
): Promise<Posted> {
  const posted = await post({ msgType: "interactive", card }, `hazard:${hazard.id}`);
  if (!posted.messageId) return posted;
  const previous = await setHazardCard(deps.db, hazard.id, chatId, posted.messageId);
  if (previous?.cardMessageId && previous.cardMessageId !== posted.messageId) {
    const stale = { kind: "patch" as const, messageId: previous.cardMessageId };
    const superseded = supersededHazardCard(previous.number, previous.status);
    deps.background(() =>
      deps.messenger.post(stale, { msgType: "interactive", card: superseded }, `hazard:${hazard.id}`),
    );
  }
  return posted;
}
