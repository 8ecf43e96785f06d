// Photos of the rectification: fetched from the user's message (open.feishu.cn im/v1 message-resource get) and
// uploaded as the bot's own image (im/v1 image create: a card's img_key is one the app uploaded), then kept.
// Also the hook for an @-message with images that replies to a hazard's card.
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { lacksPermission, UNBOUND_MESSAGE } from "../../src/bot/replies";
import { mayMove } from "../../src/domain/hazard-access";
import { noteProblem } from "../../src/domain/hazard-input";
import { nextStatus } from "../../src/domain/hazard-lifecycle";
import { can } from "../../src/domain/permissions";
import { FeishuApiError } from "../../src/feishu/errors";
import { applyHazardChange, getHazardNumberByCard } from "../../src/store/hazards";
import type { PlainContext } from "../types";
import { findHazard, freshCard, postHazardCard } from "./show";

/** At most this many images are taken from one message (a post holds at most 9 anyway). */
const MAX_IMAGES = 9;

/** The bot's own image_keys for the images in a message; nothing is kept when one cannot be fetched. */
export async function fetchPhotos(
  deps: Deps,
  from: { messageId: string; imageKeys: string[] },
): Promise<string[]> {
  if (deps.messenger.localMode) {
    throw new BotError(
      "unavailable",
      "本地模式（没有连接飞书）取不到消息里的图片，这次什么也没有记录。请在飞书群里发送，或去掉图片再发。",
    );
  }
  const keys: string[] = [];
  try {
    for (const key of from.imageKeys.slice(0, MAX_IMAGES)) {
      const bytes = await deps.openApi.downloadResource(from.messageId, key, "image");
      keys.push(await deps.openApi.uploadImage(bytes));
    }
  } catch (error) {
    if (error instanceof FeishuApiError && error.missingScope) {
      throw new BotError("unavailable", lacksPermission("图片没能从飞书取到，这次什么也没有记录"));
    }
    deps.logger.warn("hazard photo not fetched", {
      error: error instanceof Error ? error.message : String(error),
    });
    throw new BotError("unavailable", "图片没能从飞书取到，这次什么也没有记录，请稍后再发一次。");
  }
  return keys;
}

/** An @-message with images replying to a hazard's card: the images join the hazard's history. */
export async function attachRepliedPhotos(ctx: PlainContext): Promise<boolean> {
  const { deps, actor, event } = ctx;
  if (!event.addressed || !event.parentId || event.imageKeys.length === 0) return false;
  const number = await getHazardNumberByCard(deps.db, event.parentId);
  if (!number) return false;
  if (!can(actor.role, "hazard.progress")) {
    throw new BotError(
      actor.role === "未绑定" ? "unbound" : "forbidden",
      actor.role === "未绑定" ? UNBOUND_MESSAGE : `你的角色（${actor.role}）不能给隐患附整改照片。`,
    );
  }
  const note = event.text.trim();
  const problem = noteProblem("图片说明", note, false);
  if (problem) throw new BotError("bad_input", problem);
  const { hazard } = await findHazard(deps, actor, number);
  if (!mayMove(actor, hazard, "progress")) throw new BotError("forbidden", "你不能给这条隐患附整改照片。");
  const next = nextStatus(hazard.status, "progress");
  if (!next.ok) throw new BotError("conflict", `隐患 ${hazard.number} ${next.reason}`);
  const photos = await fetchPhotos(deps, { messageId: event.messageId, imageKeys: event.imageKeys });
  const changed = await applyHazardChange(deps.db, {
    hazard,
    // A photo is evidence, not a status change: the hazard stays where it is.
    to: hazard.status,
    action: "hazard.photo",
    actor: actor.openId,
    at: deps.now(),
    events: photos.map((imageKey, i) => ({
      kind: "photo" as const,
      imageKey,
      note: i === 0 && note ? note : null,
    })),
  });
  if (!changed) throw new BotError("conflict", `隐患 ${hazard.number} 刚被别人办理过，请再发一次。`);
  const card = await freshCard(deps, actor, number, {
    notices: [`已给隐患 ${number} 附上 ${photos.length} 张照片。`],
  });
  await postHazardCard(deps, ctx.reply, hazard, event.chatId, card);
  return true;
}
