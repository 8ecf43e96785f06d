// A button on a hazard card acts on the hazard as that card showed it: the card's buttons carry the hazard's
// revision, a press on an older card (the hazard moved on since, or another press of the same card won)
// writes nothing and answers with the current card; a press on the current one writes once.
import { BotError } from "../../src/bot/errors";
import type { CardAnswer, CardContext } from "../types";
import { cardFor, findHazard } from "./show";

/** What a press on an outdated card is told: the toast, and the line atop the current card. */
export interface OutdatedWords {
  toast: { type: "info" | "warning"; content: string };
  notice: string;
}

const OUTDATED: OutdatedWords = {
  toast: { type: "info", content: "卡片已更新，没有重复办理" },
  notice: "这张卡片不是最新的：隐患已有新的办理，已换成最新状态，什么也没有改动。请看清后再操作。",
};

/** The revision a pressed button carried; null on a card from before revisions (outdated too). */
function pressedRevision(value: Record<string, unknown>): number | null {
  return typeof value.revision === "number" && Number.isInteger(value.revision) ? value.revision : null;
}

/** The current card with a word on why, when the pressed card is older than the hazard; null when current. */
async function outdatedAnswer(
  ctx: CardContext,
  number: string,
  words: OutdatedWords,
): Promise<CardAnswer | null> {
  const detail = await findHazard(ctx.deps, ctx.actor, number);
  if (pressedRevision(ctx.value) === detail.hazard.revision) return null;
  const card = await cardFor(ctx.deps, ctx.actor, detail, { notices: [words.notice] });
  return { toast: words.toast, card };
}

/**
 * Runs a press (`write`, given the revision its change must find) only on the current card. A write that
 * lost the race to a concurrent press of the same card ends as a press on an outdated one.
 */
export async function onCurrentCard(
  ctx: CardContext,
  number: string,
  write: (revision: number) => Promise<CardAnswer>,
  words: OutdatedWords = OUTDATED,
): Promise<CardAnswer> {
  const outdated = await outdatedAnswer(ctx, number, words);
  if (outdated) return outdated;
  try {
    return await write(pressedRevision(ctx.value)!);
  } catch (error) {
    if (error instanceof BotError && error.code === "conflict") {
      const now = await outdatedAnswer(ctx, number, words);
      if (now) return now;
    }
    throw error;
  }
}
