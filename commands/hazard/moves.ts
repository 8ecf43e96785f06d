// 进展, 整改完成, 销号 and 退回: typed with free text after the number, or pressed on the hazard's card. One
// path for both: input checked, hazard in reach, move legal now, then the change with its history and audit,
// and after the answer the people the move concerns are told (./notices.ts).
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { mayMove } from "../../src/domain/hazard-access";
import { noteProblem } from "../../src/domain/hazard-input";
import { type HazardMove, nextStatus } from "../../src/domain/hazard-lifecycle";
import type { Action } from "../../src/domain/permissions";
import { metFor, standingPosting } from "../../src/domain/supervision-clock";
import { applyHazardChange, type HazardChange, type HazardEventKind } from "../../src/store/hazards";
import type { CardAction, Subcommand } from "../types";
import { tellOfMove } from "./notices";
import { fetchPhotos } from "./photos";
import { onCurrentCard } from "./revision";
import { findHazard, freshCard, postHazardCard, readNumber, todayOf } from "./show";

type NoteMove = Exclude<HazardMove, "supervise">;

interface MoveSpec {
  move: NoteMove;
  word: string;
  aliases: string[];
  action: Action;
  summary: string;
  usage: string;
  example: string;
  noteLabel: string;
  noteRequired: boolean;
  kind: HazardEventKind;
  /** what the card says once it is done */
  done: string;
}

const SPECS: MoveSpec[] = [
  {
    move: "progress",
    word: "进展",
    aliases: ["进度"],
    action: "hazard.progress",
    summary: "报整改进展；同一条 @消息 里的图片（或回复隐患卡片的图片）附在记录里",
    usage: "/隐患 进展 <编号> <进展情况>",
    example: "/隐患 进展 YH-2023-0007 已采购防雷设施，下周安装",
    noteLabel: "进展情况",
    noteRequired: true,
    kind: "progress",
    done: "已记录整改进展。",
  },
  {
    move: "rectified",
    word: "整改完成",
    aliases: ["完成"],
    action: "hazard.rectified",
    summary: "报整改完成，等待验收",
    usage: "/隐患 整改完成 <编号> [说明]",
    example: "/隐患 整改完成 YH-2023-0007 防雷设施已安装并检测合格",
    noteLabel: "说明",
    noteRequired: false,
    kind: "rectified",
    done: "已报整改完成，等待验收。",
  },
  {
    move: "close",
    word: "销号",
    aliases: ["验收"],
    action: "hazard.close",
    summary: "验收合格，销号闭环（验收人记在隐患上）",
    usage: "/隐患 销号 <编号> [意见]",
    example: "/隐患 销号 YH-2023-0007 现场核查整改到位",
    noteLabel: "意见",
    noteRequired: false,
    kind: "closed",
    done: "已验收销号。",
  },
  {
    move: "return",
    word: "退回",
    aliases: ["驳回"],
    action: "hazard.return",
    summary: "验收不合格，退回整改（须写意见）",
    usage: "/隐患 退回 <编号> <意见>",
    example: "/隐患 退回 YH-2023-0007 接地电阻不达标，重新整改",
    noteLabel: "意见",
    noteRequired: true,
    kind: "returned",
    done: "已退回整改。",
  },
];

interface MoveRequest {
  deps: Deps;
  actor: Actor;
  number: string;
  note: string;
  /** a card press: the revision its card showed (the change happens only if the hazard is still at it) */
  revision?: number;
  /** image keys in the message, to fetch and attach (progress only) */
  photosFrom?: { messageId: string; imageKeys: string[] };
}

/** Runs a move: the hazard's id and chat as they were, or a BotError saying why nothing changed. */
async function perform(spec: MoveSpec, r: MoveRequest): Promise<{ id: number; chatId: string | null }> {
  const note = r.note.trim();
  const hasPhotos = (r.photosFrom?.imageKeys.length ?? 0) > 0;
  const problem = noteProblem(spec.noteLabel, note, spec.noteRequired && !hasPhotos);
  if (problem) throw new BotError("bad_input", problem);
  const detail = await findHazard(r.deps, r.actor, r.number);
  const { hazard } = detail;
  if (!mayMove(r.actor, hazard, spec.move)) {
    throw new BotError("forbidden", `你的角色（${r.actor.role}）不能对这条隐患${spec.word}。`);
  }
  const next = nextStatus(hazard.status, spec.move);
  if (!next.ok) throw new BotError("conflict", `隐患 ${hazard.number} ${next.reason}`);
  const photos = hasPhotos && r.photosFrom ? await fetchPhotos(r.deps, r.photosFrom) : [];
  const at = r.deps.now();
  const checker = spec.move === "close" || spec.move === "return";
  // The first 整改完成 after a 督办 posting is its substantive progress; a later 退回 leaves the day as it is.
  const standing = spec.move === "rectified" ? standingPosting(detail.postings) : null;
  const meets = standing !== null && metFor(standing, hazard.progressMetOn) === null;
  const change: HazardChange = {
    hazard,
    revision: r.revision,
    to: next.to,
    action: spec.action,
    actor: r.actor.openId,
    at,
    events: [
      ...(note !== "" || !hasPhotos ? [{ kind: spec.kind, note: note === "" ? null : note }] : []),
      ...photos.map((imageKey) => ({ kind: "photo" as const, imageKey })),
    ],
    ...(checker
      ? { set: { checkedBy: r.actor.openId, ...(spec.move === "close" ? { closedAt: at } : {}) } }
      : {}),
    ...(meets ? { set: { progressMetOn: todayOf(r.deps) } } : {}),
  };
  if (!(await applyHazardChange(r.deps.db, change))) {
    throw new BotError(
      "conflict",
      `隐患 ${hazard.number} 刚被别人办理过，请发送 /隐患 查看 ${hazard.number} 后再试。`,
    );
  }
  return { id: hazard.id, chatId: hazard.chatId };
}

/** After the answer: everything but 进展 is news to someone (整改完成 the checkers, 退回/销号 the rectifiers). */
function tellLater(
  deps: Deps,
  spec: MoveSpec,
  o: { actor: Actor; number: string; hazardChat: string | null; typedIn: string | null; note: string },
) {
  if (spec.move === "progress") return;
  const { actor, number, hazardChat, typedIn } = o;
  tellOfMove(deps, { number, actor, hazardChat, typedIn, news: { move: spec.move, note: o.note.trim() } });
}

function doneNotice(spec: MoveSpec, actor: Actor, photos: number): string[] {
  const who = actor.name ? `（${actor.name}）` : "";
  return [`${spec.done}${who}${photos > 0 ? ` 附照片 ${photos} 张。` : ""}`];
}

function subcommand(spec: MoveSpec): Subcommand {
  return {
    name: spec.word,
    aliases: spec.aliases,
    action: spec.action,
    summary: spec.summary,
    usage: spec.usage,
    example: spec.example,
    freeText: true,
    async run(ctx) {
      const token = ctx.line.tokens[1];
      const number = readNumber(token?.key === undefined ? token?.text : undefined, spec.usage);
      const imageKeys = spec.move === "progress" ? ctx.event.imageKeys : [];
      const note = ctx.rest(2);
      const hazard = await perform(spec, {
        deps: ctx.deps,
        actor: ctx.actor,
        number,
        note,
        photosFrom: { messageId: ctx.event.messageId, imageKeys },
      });
      const card = await freshCard(ctx.deps, ctx.actor, number, {
        notices: doneNotice(spec, ctx.actor, imageKeys.length),
      });
      await postHazardCard(ctx.deps, ctx.reply, hazard, ctx.event.chatId, card);
      tellLater(ctx.deps, spec, {
        actor: ctx.actor,
        number,
        hazardChat: hazard.chatId,
        typedIn: ctx.event.chatId,
        note,
      });
    },
  };
}

function cardAction(spec: MoveSpec): CardAction {
  return {
    name: spec.action,
    permission: spec.action,
    async run(ctx) {
      const { deps, actor, value, form } = ctx;
      const number = readNumber(typeof value.number === "string" ? value.number : undefined, spec.usage);
      const note = typeof form.note === "string" ? form.note : "";
      return onCurrentCard(ctx, number, async (revision) => {
        const hazard = await perform(spec, { deps, actor, number, note, revision });
        const card = await freshCard(deps, actor, number, { notices: doneNotice(spec, actor, 0) });
        tellLater(deps, spec, { actor, number, hazardChat: hazard.chatId, typedIn: null, note });
        return { toast: { type: "success", content: spec.done }, card };
      });
    },
  };
}

export const moveSubs: Subcommand[] = SPECS.map(subcommand);
export const moveActions: CardAction[] = SPECS.map(cardAction);
