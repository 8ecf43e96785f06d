// What every /隐患 subcommand and button shares: finding a hazard by number within what the person may see,
// and building its card for that person (their buttons only), posted or answered.

import { hazardCard } from "../../cards/hazard";
import { supersededHazardCard } from "../../cards/hazard-superseded";
import type { Card } from "../../cards/types";
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { effectiveSetting } from "../../src/bot/settings";
import { excerpt } from "../../src/domain/excerpt";
import { availableMoves, canSeeHazard, mayWithdraw, showsEdit } from "../../src/domain/hazard-access";
import type { CheckRule } from "../../src/domain/hazard-checker";
import { parseHazardNumber } from "../../src/domain/hazard-input";
import { dateIn } from "../../src/domain/time";
import type { Outgoing, Posted } from "../../src/feishu/messenger";
import { memberNames, sectorLeaders } from "../../src/store/hazard-audience";
import { getHazardDetail, type HazardDetail, setHazardCard } from "../../src/store/hazards";
import { lastCardOf } from "../../src/store/outbox";
import { pauseOf } from "../../src/store/reminders";

export function todayOf(deps: Deps): string {
  return dateIn(deps.now(), deps.config.timezone);
}

/** The hazard number written after the subcommand, or a bad_input that says how to write one. */
export function readNumber(text: string | undefined, usage: string): string {
  if (!text) throw new BotError("unreadable", "缺少隐患编号，例如 YH-2023-0007。", [usage]);
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

/** Who may check (销号, 退回) this hazard: the sector's bound 责任领导 besides the admins, never its rectifier. */
export async function checkRuleOf(deps: Deps, detail: HazardDetail): Promise<CheckRule> {
  return {
    sectorLeaders: await sectorLeaders(deps.db, detail.hazard.sectorId),
    rectifiedBy: detail.rectifiedBy,
    selfCheckAllowed: await effectiveSetting(deps, "允许自验"),
  };
}

export interface CardOptions {
  notices?: string[];
  mentions?: string[];
  mentionLeaders?: string[];
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
    ...detail.postings.map((p) => p.postedBy),
  ]);
  return hazardCard({
    detail,
    today: todayOf(deps),
    timezone: deps.config.timezone,
    names,
    moves: availableMoves(viewer, detail.hazard, {
      openId: viewer.openId,
      rule: await checkRuleOf(deps, detail),
    }),
    withdrawable: mayWithdraw(viewer, detail.hazard),
    editable: showsEdit(viewer, detail.hazard),
    reminderPause: (await pauseOf(deps.db, "hazard", detail.hazard.id)) ?? null,
    ...(o.notices ? { notices: o.notices } : {}),
    ...(o.mentions ? { mentions: o.mentions } : {}),
    ...(o.mentionLeaders ? { mentionLeaders: o.mentionLeaders } : {}),
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
 * A card posted to a group is seen by everyone in it, so it is built for nobody in particular: a viewer who may
 * do nothing, hence no buttons. Each person gets their own buttons with /隐患 查看.
 */
export const NOBODY: Actor = { openId: "", name: null, role: "未绑定", unitId: null, enterpriseId: null };

/**
 * A hazard's home: the group it was logged in, else the dispatch group (logged in a private chat). Only its
 * card there is remembered and superseded; a card shown anywhere else changes nothing about the hazard.
 */
export async function homeOf(deps: Deps, hazard: { chatId: string | null }): Promise<string | null> {
  return hazard.chatId ?? (await effectiveSetting(deps, "调度群"));
}

/**
 * Posts the hazard's card. In the hazard's home it is remembered as the hazard's card (a reply to it reaches
 * the hazard), and the card it replaces keeps its content but loses its buttons (patched after the answer):
 * pressing them would act on a state gone by. Elsewhere (a private chat, another group) it is only shown.
 */
export async function postHazardCard(
  deps: Deps,
  post: (message: Outgoing, ref?: string) => Promise<Posted>,
  hazard: { id: number; chatId: string | null },
  chatId: string | null,
  card: Card,
): Promise<Posted> {
  const posted = await post({ msgType: "interactive", card }, `hazard:${hazard.id}`);
  if (!posted.messageId || chatId === null || chatId !== (await homeOf(deps, hazard))) return posted;
  const previous = await setHazardCard(deps.db, hazard.id, chatId, posted.messageId);
  if (previous?.cardMessageId && previous.cardMessageId !== posted.messageId) {
    const older = previous.cardMessageId;
    deps.background(() => supersede(deps, hazard.id, older, previous.number));
  }
  return posted;
}

/**
 * Greys the hazard's older card in its group. What it showed comes from the outbox; a card that a form or a
 * button turned into the hazard's card (the outbox holds the form) is shown as the hazard is now.
 */
async function supersede(deps: Deps, hazardId: number, messageId: string, number: string): Promise<void> {
  const detail = await getHazardDetail(deps.db, number);
  if (!detail) return;
  const stored = await lastCardOf(deps.db, messageId);
  const shown = stored === undefined ? undefined : (JSON.parse(stored) as Card);
  const wasHazardCard = shown?.header?.title.content === `隐患 ${number}`;
  const base = shown && wasHazardCard ? shown : await cardFor(deps, NOBODY, detail);
  const card = supersededHazardCard(base, number, detail.hazard.status);
  await deps.messenger.post(
    { kind: "patch", messageId },
    { msgType: "interactive", card },
    `hazard:${hazardId}`,
  );
}
