// `/隐患 督办` and the card's 挂牌督办 form: adds a posting to the hazard's 督办 history and starts its progress clock
// (县级 30 days, 市级 60 days, 镇级 the `镇级督办天数` setting, from the posting's date). The highest level stands:
// a lower posting over a higher one is refused unless an admin adds 确认=是 (it is then kept in the history);
// the same 文号 twice is refused. After the answer the unit's 干部 and the enterprise's head are told (./notices.ts).

import type { Supervision } from "../../cards/hazard-notice";
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { effectiveSetting } from "../../src/bot/settings";
import { excerpt } from "../../src/domain/excerpt";
import { mayMove } from "../../src/domain/hazard-access";
import { checkSupervision, type SupervisionInput } from "../../src/domain/hazard-input";
import { nextStatus, progressDueDate } from "../../src/domain/hazard-lifecycle";
import { can } from "../../src/domain/permissions";
import { isActive, levelRank, standingPosting } from "../../src/domain/supervision-clock";
import { zonedParts } from "../../src/domain/time";
import { parseYesNo } from "../../src/domain/yes-no";
import type { HazardDetail } from "../../src/store/hazards";
import { applyHazardChange } from "../../src/store/hazards";
import type { CardAction, Subcommand } from "../types";
import { tellOfMove } from "./notices";
import { onCurrentCard } from "./revision";
import { findHazard, freshCard, postHazardCard, readNumber, todayOf } from "./show";

export const SUPERVISE_USAGE = "/隐患 督办 <编号> 层级=镇级/县级/市级 文号=… [日期=…] [确认=是]";

const KEYS = new Set(["层级", "文号", "日期", "确认"]);

interface SuperviseRequest {
  deps: Deps;
  actor: Actor;
  number: string;
  raw: { level?: string | undefined; doc?: string | undefined; date?: string | undefined };
  year: number;
  /** 确认=是: an admin records a lower posting over a higher one */
  confirmed: boolean;
  /** a card press: the revision its card showed */
  revision?: number;
}

/** Refuses a posting the history does not take: the same 文号 again, or a lower level without an admin's 确认. */
function checkAgainstHistory(detail: HazardDetail, posting: SupervisionInput, r: SuperviseRequest): string {
  const active = detail.postings.filter(isActive);
  const number = detail.hazard.number;
  const same = active.find((p) => p.doc === posting.doc);
  if (same) {
    throw new BotError(
      "conflict",
      `隐患 ${number} 已有文号「${same.doc}」的${same.level}督办（${same.postedOn}），同一文件不重复登记。`,
    );
  }
  const standing = standingPosting(active);
  if (!standing || levelRank(posting.level) >= levelRank(standing.level)) return "";
  const lower = `隐患 ${number} 现行的是${standing.level}督办（${standing.doc}，${standing.postedOn}），${posting.level}低于${standing.level}`;
  if (!r.confirmed) {
    throw new BotError(
      "conflict",
      `${lower}，不再登记。确要记入督办历史，请管理员在命令后加 确认=是（现行的仍是${standing.level}督办）。`,
      [SUPERVISE_USAGE],
    );
  }
  if (!can(r.actor.role, "hazard.supervise.confirm")) {
    throw new BotError(
      "forbidden",
      `${lower}；低层级督办要由管理员加 确认=是 登记，你的角色（${r.actor.role}）不能确认。`,
    );
  }
  return `（低于现行的${standing.level}督办，经管理员确认记入督办历史）`;
}

async function supervise(
  r: SuperviseRequest,
): Promise<{ id: number; chatId: string | null; notice: string; supervision: Supervision }> {
  const checked = checkSupervision(r.raw, { year: r.year, today: todayOf(r.deps) });
  if (!checked.ok) throw new BotError("bad_input", checked.problems.join("\n"));
  const detail = await findHazard(r.deps, r.actor, r.number);
  const { hazard } = detail;
  if (!mayMove(r.actor, hazard, "supervise")) throw new BotError("forbidden", "你不能督办这条隐患。");
  const next = nextStatus(hazard.status, "supervise");
  if (!next.ok) throw new BotError("conflict", `隐患 ${hazard.number} ${next.reason}`);
  const lower = checkAgainstHistory(detail, checked.value, r);
  const { level, doc, date } = checked.value;
  const due = progressDueDate(level, date, await effectiveSetting(r.deps, "镇级督办天数"));
  const note = `${level}挂牌督办（${doc}，${date}），实质进展期限 ${due}${lower}`;
  const at = r.deps.now();
  const changed = await applyHazardChange(r.deps.db, {
    hazard,
    revision: r.revision,
    to: next.to,
    action: "hazard.supervise",
    actor: r.actor.openId,
    at,
    events: [{ kind: "supervised", note }],
    posting: { level, doc, postedOn: date, dueOn: due, postedBy: r.actor.openId, postedAt: at },
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
  summary:
    "挂牌督办：县级 30 天、市级 60 天内须见实质进展，镇级天数见 /设置；每次督办都记入历史，现行的是最高层级，低层级盖过高层级须管理员加 确认=是",
  usage: SUPERVISE_USAGE,
  example: "/隐患 督办 YH-2023-0007 层级=县级 文号=「兴安委办〔2023〕12号」 日期=2023-07-01",
  async run(ctx) {
    const number = readNumber(ctx.args[0], SUPERVISE_USAGE);
    if (ctx.args.length > 1)
      throw new BotError("bad_input", `「${excerpt(ctx.args[1] ?? "")}」要写成 名称=值，例如 文号=「…」。`);
    for (const key of Object.keys(ctx.named)) {
      if (!KEYS.has(key))
        throw new BotError("bad_input", `不认识参数「${excerpt(key)}」。可写：${[...KEYS].join("、")}。`, [
          SUPERVISE_USAGE,
        ]);
    }
    const confirm = ctx.named.确认 === undefined ? false : parseYesNo(ctx.named.确认);
    if (confirm === undefined)
      throw new BotError("bad_input", `确认「${excerpt(ctx.named.确认 ?? "")}」不对：写 确认=是。`, [
        SUPERVISE_USAGE,
      ]);
    const done = await supervise({
      deps: ctx.deps,
      actor: ctx.actor,
      number,
      raw: { level: ctx.named.层级, doc: ctx.named.文号, date: ctx.named.日期 },
      year: ctx.year,
      confirmed: confirm,
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
  async run(ctx) {
    const { deps, actor, value, form } = ctx;
    const number = readNumber(text(value.number), SUPERVISE_USAGE);
    return onCurrentCard(ctx, number, async (revision) => {
      const done = await supervise({
        deps,
        actor,
        number,
        raw: { level: text(form.sup_level), doc: text(form.sup_doc), date: text(form.sup_date) },
        year: zonedParts(deps.now(), deps.config.timezone).year,
        confirmed: false,
        revision,
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
    });
  },
};
