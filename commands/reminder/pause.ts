// `/提醒 暂停 YH-… 至=… [原因=…]` (admins): a hazard whose work is blocked for a known reason gets no reminders
// and no escalations through that day; they resume the day after. The pause shows on the hazard's card.
import { card, escapeMd, md } from "../../cards/fragments";
import { BotError } from "../../src/bot/errors";
import { parseDate } from "../../src/domain/dates";
import { tooLong } from "../../src/domain/hazard-input";
import { addDays } from "../../src/domain/time";
import { getHazardView } from "../../src/store/hazards";
import { pauseOf, setPause } from "../../src/store/reminders";
import { readNumber, todayOf } from "../hazard/show";
import type { Subcommand } from "../types";

export const PAUSE_USAGE = "/提醒 暂停 <编号> 至=<日期> [原因=…]";
const KEYS = new Set(["至", "原因"]);
/** A pause is for a known, bounded blockage: at most a year ahead. */
const MAX_PAUSE_DAYS = 366;
const REASON_MAX = 200;

export const pauseSub: Subcommand = {
  name: "暂停",
  action: "reminder.pause",
  summary: "暂停一条隐患的提醒到某天（整改因已知原因受阻），次日恢复；卡片上会显示",
  usage: PAUSE_USAGE,
  example: "/提醒 暂停 YH-2023-0007 至=2023-08-15 原因=等待设备到货",
  async run(ctx) {
    const { deps } = ctx;
    const number = readNumber(ctx.args[0], PAUSE_USAGE);
    if (ctx.args.length > 1)
      throw new BotError("bad_input", `「${ctx.args[1]}」要写成 名称=值，例如 至=2023-08-15。`);
    for (const key of Object.keys(ctx.named))
      if (!KEYS.has(key)) throw new BotError("bad_input", `不认识参数「${key}」。可写：至、原因。`);
    const untilText = ctx.named.至;
    if (untilText === undefined) throw new BotError("bad_input", "要写暂停到哪天：至=2023-08-15。");
    const today = todayOf(deps);
    // a pause runs ahead: 至=8月15日 without a year is the next such day
    const date = parseDate(untilText, { today, looking: "ahead" });
    if (!date.ok) throw new BotError("bad_input", `至：${date.error}`);
    if (date.date < today)
      throw new BotError("bad_input", `至=${date.date} 已经过去：暂停只能到今天（${today}）或以后。`);
    if (date.date > addDays(today, MAX_PAUSE_DAYS))
      throw new BotError(
        "bad_input",
        `至=${date.date} 太远：暂停最多一年（到 ${addDays(today, MAX_PAUSE_DAYS)}）。`,
      );
    const reason = ctx.named.原因?.trim() || null;
    const long = reason === null ? null : tooLong("原因", reason, REASON_MAX);
    if (long) throw new BotError("bad_input", long);
    const hazard = await getHazardView(deps.db, number);
    if (!hazard) throw new BotError("not_found", `没有编号为 ${number} 的隐患。发送 /隐患 列表 查看台账。`);
    if (hazard.status === "已销号" || hazard.status === "已撤销")
      throw new BotError("conflict", `隐患 ${number} ${hazard.status}，不会再有提醒，不必暂停。`);
    const before = await pauseOf(deps.db, "hazard", hazard.id);
    await setPause(
      deps.db,
      {
        subjectKind: "hazard",
        subjectId: hazard.id,
        until: date.date,
        reason,
        pausedBy: ctx.actor.openId,
        pausedAt: deps.now(),
      },
      before ? { until: before.until, reason: before.reason } : null,
    );
    // A card, not a text message: the reason is user text, shown escaped, never read as a mention.
    const line = `已暂停 ${number} 的提醒至 ${date.date}${reason ? `（${reason}）` : ""}，${addDays(date.date, 1)} 起恢复。`;
    await ctx.reply({ msgType: "interactive", card: card("提醒已暂停", "grey", [md(escapeMd(line))]) });
  },
};
