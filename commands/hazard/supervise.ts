// `/隐患 督办` and the card's 挂牌督办 form: posts a hazard for supervision and starts its progress clock
// (县级 30 days, 市级 60 days, 镇级 the `镇级督办天数` setting, from the supervision date); after the answer the
// unit's 干部 and the enterprise's head are told (./notices.ts).
import type { Supervision } from "../../cards/hazard-notice";
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { effectiveSetting } from "../../src/bot/settings";
import { mayMove } from "../../src/domain/hazard-access";
import { checkSupervision } from "../../src/domain/hazard-input";
import { nextStatus, progressDueDate } from "../../src/domain/hazard-lifecycle";
import { applyHazardChange } from "../../src/store/hazards";
import type { CardAction, Subcommand } from "../types";
import { tellOfMove } from "./notices";
import { findHazard, freshCard, postHazardCard, readNumber, todayOf } from "./show";

export const SUPERVISE_USAGE = "/隐患 督办 <编号> 层级=镇级/县级/市级 文号=… [日期=…]";

const KEYS = new Set(["层级", "文号", "日期"]);

interface SuperviseRequest {
  deps: Deps;
  actor: Actor;
  number: string;
  raw: { level?: string | undefined; doc?: string | undefined; date?: string | undefined };
}

async function supervise(
  r: SuperviseRequest,
): Promise<{ id: number; chatId: string | null; notice: string; supervision: Supervision }> {
  const checked = checkSupervision(r.raw, { today: todayOf(r.deps) });
  if (!checked.ok) throw new BotError("bad_input", checked.problems.join("\n"));
  const { hazard } = await findHazard(r.deps, r.actor, r.number);
  if (!mayMove(r.actor, hazard, "supervise")) throw new BotError("forbidden", "你不能督办这条隐患。");
  const next = nextStatus(hazard.status, "supervise");
  if (!next.ok) throw new BotError("conflict", `隐患 ${hazard.number} ${next.reason}`);
  const { level, doc, date } = checked.value;
  const due = progressDueDate(level, date, await effectiveSetting(r.deps, "镇级督办天数"));
  const note = `${level}挂牌督办（${doc}，${date}），实质进展期限 ${due}`;
  const changed = await applyHazardChange(r.deps.db, {
    hazard,
    to: next.to,
    action: "hazard.supervise",
    actor: r.actor.openId,
    at: r.deps.now(),
    events: [{ kind: "supervised", note }],
    set: { supervisionLevel: level, supervisionDoc: doc, supervisionDate: date, progressDue: due },
  });
  if (!changed) throw new BotError("conflict", `隐患 ${hazard.number} 刚被别人办理过，请再试一次。`);
  return {
    id: hazard.id,
    chatId: hazard.chatId,
    notice: `已${note}。`,
    supervision: { level, doc, date, due },
  };
}

export const superviseSub: Subcommand = {
  name: "督办",
  aliases: ["挂牌督办"],
  action: "hazard.supervise",
  summary: "挂牌督办：县级 30 天、市级 60 天内须见实质进展，镇级天数见 /设置",
  usage: SUPERVISE_USAGE,
  keys: [...KEYS],
  example: "/隐患 督办 YH-2023-0007 层级=县级 文号=「兴安委办〔2023〕12号」 日期=2023-07-01",
  async run(ctx) {
    const number = readNumber(ctx.args[0], SUPERVISE_USAGE);
    if (ctx.args.length > 1)
      throw new BotError("unreadable", `「${ctx.args[1]}」要写成 名称=值，例如 文号=「…」。`);
    for (const key of Object.keys(ctx.named)) {
      if (!KEYS.has(key)) throw new BotError("unreadable", `不认识参数「${key}」。可写：层级、文号、日期。`);
    }
    const done = await supervise({
      deps: ctx.deps,
      actor: ctx.actor,
      number,
      raw: { level: ctx.named.层级, doc: ctx.named.文号, date: ctx.named.日期 },
    });
    const card = await freshCard(ctx.deps, ctx.actor, number, { notices: [done.notice] });
    await postHazardCard(ctx.deps, ctx.reply, done, ctx.event.chatId, card);
    tellOfMove(ctx.deps, {
      number,
      actor: ctx.actor,
      hazardChat: done.chatId,
      typedIn: ctx.event.chatId,
      news: { move: "supervise", supervision: done.supervision },
    });
  },
};

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);

export const superviseAction: CardAction = {
  name: "hazard.supervise",
  permission: "hazard.supervise",
  async run({ deps, actor, value, form }) {
    const number = readNumber(text(value.number), SUPERVISE_USAGE);
    const done = await supervise({
      deps,
      actor,
      number,
      raw: { level: text(form.sup_level), doc: text(form.sup_doc), date: text(form.sup_date) },
    });
    const card = await freshCard(deps, actor, number, { notices: [done.notice] });
    tellOfMove(deps, {
      number,
      actor,
      hazardChat: done.chatId,
      typedIn: null,
      news: { move: "supervise", supervision: done.supervision },
    });
    return { toast: { type: "success", content: "已挂牌督办" }, card };
  },
};
