// Who hears of a hazard, and where: a new one goes to the enterprise's bound heads (privately, a card) and, when
// logged on a form, to the sector's 责任干部 (@mentioned in the chat); 整改完成 goes to the checkers (the dispatch
// group), 退回 and 督办 to the unit's bound 干部 (@mentioned in the hazard's chat) and the enterprise's bound head
// (privately, a card), 销号 to the head (a card), a handover (修改 单位=) to the new unit's 干部. Sent after
// the answer, through the outbox; a failure is logged, never thrown, so a notice can never undo or hold up the
// move it reports.
import {
  closedHeadLines,
  handedOverCadreLines,
  loggedCadreLines,
  loggedHeadLines,
  mentionCard,
  rectifiedLines,
  returnedCadreLines,
  returnedHeadLines,
  type Supervision,
  supervisedCadreLines,
  supervisedHeadLines,
} from "../../cards/hazard-notice";
import { type Actor, resolveActor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { effectiveSetting } from "../../src/bot/settings";
import type { Outgoing, Target } from "../../src/feishu/messenger";
import { enterpriseHeads, newHazardAudience, unitCadres } from "../../src/store/hazard-audience";
import { getHazardView, type HazardRow, type HazardView } from "../../src/store/hazards";
import { freshCard, NOBODY } from "./show";

export type MoveNews =
  | { move: "rectified" | "return" | "close"; note: string }
  | { move: "supervise"; supervision: Supervision }
  /** /隐患 修改 单位=…: the new unit's 干部 now answer for it */
  | { move: "handover"; fromUnit: string };

export interface MoveNotice {
  number: string;
  /** who made the move */
  actor: Actor;
  /**
   * The hazard's group (`hazards.chat_id`: where it was logged); null when it was logged privately, and the
   * dispatch group stands in. Viewing or moving it elsewhere never changes it.
   */
  hazardChat: string | null;
  /** the chat a typed command came from (its reply already shows the move there); null for a card button */
  typedIn: string | null;
  news: MoveNews;
}

/** Starts telling the people a move concerns once the current answer is out. */
export function tellOfMove(deps: Deps, notice: MoveNotice): void {
  deps.background(async () => {
    try {
      await tell(deps, notice);
    } catch (error) {
      deps.logger.error("hazard notices failed", {
        hazard: notice.number,
        move: notice.news.move,
        error: text(error),
      });
    }
  });
}

function text(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function tell(deps: Deps, notice: MoveNotice): Promise<void> {
  const hazard = await getHazardView(deps.db, notice.number);
  if (!hazard) return;
  const news = notice.news;
  const about: About = { id: hazard.id, number: hazard.number, move: news.move };
  const send = (target: Target, message: Outgoing) => post(deps, about, target, message);
  switch (news.move) {
    case "rectified": {
      const chat = (await dispatchGroup(deps)) ?? notice.hazardChat;
      if (chat === null || chat === notice.typedIn) return;
      const by = await nameOf(deps, notice.actor);
      const card = await freshCard(deps, NOBODY, hazard.number, {
        notices: rectifiedLines(hazard, by, news.note),
      });
      await send({ kind: "chat", chatId: chat }, { msgType: "interactive", card });
      return;
    }
    case "return": {
      const by = await nameOf(deps, notice.actor);
      await tellCadres(deps, notice, hazard, send, "隐患退回整改", returnedCadreLines(hazard, by, news.note));
      await tellHeadsByCard(deps, hazard, send, returnedHeadLines(hazard, by, news.note));
      return;
    }
    case "close": {
      const by = await nameOf(deps, notice.actor);
      await tellHeadsByCard(deps, hazard, send, closedHeadLines(hazard, by, news.note));
      return;
    }
    case "handover": {
      const by = await nameOf(deps, notice.actor);
      await tellCadres(
        deps,
        notice,
        hazard,
        send,
        "隐患移交",
        handedOverCadreLines(hazard, news.fromUnit, by),
      );
      return;
    }
    case "supervise": {
      const s = news.supervision;
      await tellCadres(deps, notice, hazard, send, "隐患挂牌督办", supervisedCadreLines(hazard, s));
      await tellHeadsByCard(deps, hazard, send, supervisedHeadLines(hazard, s));
      return;
    }
  }
}

type Send = (target: Target, message: Outgoing) => Promise<void>;
/** What a notice is about, for its outbox reference and its log lines. */
type About = { id: number; number: string; move: string };

async function dispatchGroup(deps: Deps): Promise<string | null> {
  return effectiveSetting(deps, "调度群");
}

/** The unit's bound 干部, @mentioned on one card in the hazard's chat (else the dispatch group). */
async function tellCadres(
  deps: Deps,
  notice: MoveNotice,
  hazard: HazardView,
  send: Send,
  title: string,
  lines: string[],
): Promise<void> {
  const chat = notice.hazardChat ?? (await dispatchGroup(deps));
  if (chat === null) {
    deps.logger.warn("hazard notice has no chat to go to", { hazard: hazard.number });
    return;
  }
  await mentionIn(chat, await unitCadres(deps.db, hazard.unitId), send, title, lines);
}

/**
 * One card in `chat` that @mentions these people; nothing when there is no one. A card, not a text message:
 * the lines carry user text (notes, 文号, names), which a text message would read as mentions and links.
 */
async function mentionIn(chat: string, openIds: string[], send: Send, title: string, lines: string[]) {
  if (openIds.length === 0) return;
  await send(
    { kind: "chat", chatId: chat },
    { msgType: "interactive", card: mentionCard(title, openIds, lines) },
  );
}

/**
 * The registered enterprise's bound heads, each privately, with the hazard's card and their own buttons. The
 * private card is not remembered as the hazard's card: replies in the group keep reaching the group's.
 */
async function tellHeadsByCard(
  deps: Deps,
  hazard: Pick<HazardView, "number" | "enterpriseId">,
  send: Send,
  lines: string[],
): Promise<void> {
  for (const openId of await headsOf(deps, hazard)) {
    const head = await resolveActor(deps, openId);
    const card = await freshCard(deps, head, hazard.number, { notices: lines });
    await send({ kind: "user", openId }, { msgType: "interactive", card });
  }
}

async function headsOf(deps: Deps, hazard: Pick<HazardView, "enterpriseId">): Promise<string[]> {
  return hazard.enterpriseId === null ? [] : enterpriseHeads(deps.db, hazard.enterpriseId);
}

/** The mover's name as bound, else as Feishu knows it, else their role (an admin from ADMIN_OPEN_IDS). */
async function nameOf(deps: Deps, actor: Actor): Promise<string> {
  return actor.name ?? (await deps.openApi.userName(actor.openId)) ?? actor.role;
}

/** One notice: stored in the outbox and sent; one that fails is logged and the others still go. */
async function post(deps: Deps, about: About, target: Target, message: Outgoing): Promise<void> {
  const fields = { hazard: about.number, move: about.move, to: target.kind };
  try {
    const posted = await deps.messenger.post(target, message, `hazard:${about.id}`);
    if (posted.status === "failed") deps.logger.warn("hazard notice not delivered", fields);
  } catch (error) {
    deps.logger.error("hazard notice failed", { ...fields, error: text(error) });
  }
}

/** A new hazard: the enterprise's bound heads hear of it privately, with its card (their buttons). */
export async function tellHeadsOfNewHazard(deps: Deps, hazard: HazardRow): Promise<void> {
  const about: About = { id: hazard.id, number: hazard.number, move: "create" };
  const send = (target: Target, message: Outgoing) => post(deps, about, target, message);
  await tellHeadsByCard(deps, hazard, send, loggedHeadLines(hazard));
}

/**
 * A hazard logged on a form: the sector's 责任干部 (and for a 重大 one its 责任领导) hear of it in the form's chat
 * (the card a form turns into mentions no one, so a message does). A typed one's reply card @mentions them itself.
 */
export async function tellCadresOfFormHazard(deps: Deps, chatId: string, hazard: HazardRow): Promise<void> {
  if (chatId === "") return;
  const about: About = { id: hazard.id, number: hazard.number, move: "create" };
  const send = (target: Target, message: Outgoing) => post(deps, about, target, message);
  const { leaders, cadres } = await newHazardAudience(deps.db, hazard);
  await mentionIn(
    chatId,
    [...leaders, ...cadres],
    send,
    "新登记隐患",
    loggedCadreLines(hazard, leaders.length > 0),
  );
}
