// `/台账 确认 [2023-06] [单位=…]`: a unit's 干部 (an admin for any unit, naming it) confirms the unit's 附件3 for a
// finished month, even with no hazard (a zero report is a report). The month's rows are kept as a digest: if
// they change afterwards the confirmation shows 已变更 until it is confirmed again.
import { card, escapeMd, md } from "../../cards/fragments";
import { BotError } from "../../src/bot/errors";
import { effectiveSetting } from "../../src/bot/settings";
import { filingDueDay, periodLabel, periodOf } from "../../src/domain/periods";
import { dateIn } from "../../src/domain/time";
import { ledgerFingerprint } from "../../src/reports/monthly-filing";
import { ledgerHazards } from "../../src/store/ledger-form";
import { confirmLedger, getConfirmation } from "../../src/store/monthly-filings";
import { getUnit } from "../../src/store/units";
import { readArgs } from "../args";
import { monthOf } from "../dispatch-table/month";
import { resolveUnit } from "../lookups";
import type { Subcommand } from "../types";

export const CONFIRM_USAGE = "/台账 确认 [2023-06] [单位=…]";

export const confirmSub: Subcommand = {
  name: "确认",
  action: "ledger.confirm",
  summary: "确认本单位某月的附件3 台账（没有隐患也要确认：零报告也是报告）；月底过后才能确认，20日截止",
  usage: CONFIRM_USAGE,
  example: "/台账 确认 2023-06",
  keys: ["单位", "月份"],
  async run(ctx) {
    const { deps, actor } = ctx;
    const args = readArgs(ctx.named, { 单位: "unit", 月份: "month" });
    const today = dateIn(deps.now(), deps.config.timezone);
    const month = monthOf(ctx.args, ctx.named, today, CONFIRM_USAGE);
    let unit = args.unit === undefined ? null : await resolveUnit(deps, args.unit);
    if (actor.role !== "管理员") {
      if (actor.unitId === null) throw new BotError("forbidden", "你的绑定没有单位，不能确认台账。");
      if (unit !== null && unit.id !== actor.unitId)
        throw new BotError("forbidden", `你只能确认本单位的台账，不能确认「${unit.name}」的。`);
      unit ??= (await getUnit(deps.db, actor.unitId)) ?? null;
    }
    if (unit === null)
      throw new BotError("bad_input", "管理员确认台账要写明哪个单位：单位=…", [CONFIRM_USAGE]);
    if (unit.kind === "政府")
      throw new BotError("bad_input", `「${unit.name}」不报送附件3 台账`, [CONFIRM_USAGE]);
    if (month.end >= today)
      throw new BotError("conflict", `${periodLabel(month)}还没结束，月底过后才能确认它的台账。`, [
        CONFIRM_USAGE,
      ]);
    const start = await effectiveSetting(deps, "专项开始");
    if (month.end < start)
      throw new BotError(
        "bad_input",
        `专项从 ${start} 开始，第一个要确认的月份是 ${periodOf("month", start).key}。`,
        [CONFIRM_USAGE],
      );
    const hazards = await ledgerHazards(deps.db, { unitId: unit.id, foundBy: month.end });
    const before = await getConfirmation(deps.db, unit.id, month.key);
    const major = hazards.filter((h) => h.level === "重大").length;
    await confirmLedger(
      deps.db,
      {
        unitId: unit.id,
        month: month.key,
        fingerprint: ledgerFingerprint(hazards, month, deps.config.timezone),
        rows: major,
        confirmedBy: actor.openId,
        confirmedAt: deps.now(),
      },
      before,
    );
    const late = today > filingDueDay(month) ? `（${filingDueDay(month)} 截止，已逾期）` : "";
    const lines = [
      `**${escapeMd(unit.name)}** ${periodLabel(month)}的附件3 台账已${before ? "重新" : ""}确认${late}：重大隐患 ${major} 条${major === 0 ? "（零报告）" : ""}。`,
      `之后这个月的隐患若有变动，确认会显示为「已变更」，需要重新确认。看台账：/台账 单位=${escapeMd(unit.name)} 月份=${month.key}`,
    ];
    await ctx.reply({
      msgType: "interactive",
      card: card("台账已确认", "green", [md(lines.join("\n"))], `${unit.name} ${month.key}`),
    });
  },
};
