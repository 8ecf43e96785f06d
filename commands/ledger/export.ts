// `/台账 导出 [单位=…] [领域=…] [月份=…]`: the 附件3 ledger as an .xlsx laid out like the form, sent as a file
// through the outbox (an outage delays it, loses nothing). 填报人 is the asker; 联系电话 their phone.
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { form3Workbook } from "../../src/exports/form3-workbook";
import { getMember } from "../../src/store/members";
import { getUnit } from "../../src/store/units";
import { displayName } from "../people";
import type { Subcommand } from "../types";
import { ledgerRows } from "./rows";
import { type LedgerRequest, monthLabel, readLedgerRequest } from "./scope";

export const EXPORT_USAGE = "/台账 导出 [单位=…] [领域=…] [月份=2023-06]";

/** The township's own office, for a ledger that is not one unit's. */
export const TOWNSHIP_FILER = "高兴镇安委办";

/** 填报单位: the unit asked for, else the asker's, else the township's office. */
async function filingUnit(deps: Deps, actor: Actor, r: LedgerRequest): Promise<string> {
  if (r.unit) return r.unit.name;
  const own = actor.unitId === null ? undefined : await getUnit(deps.db, actor.unitId);
  return own?.name ?? TOWNSHIP_FILER;
}

export function form3FileName(r: Pick<LedgerRequest, "unit" | "sector" | "month" | "today">): string {
  const scope = [r.unit?.name, r.sector?.name].filter(Boolean).join("-") || "全镇";
  return `附件3-重大事故隐患排查整治台账-${scope}-${r.month?.key ?? r.today}.xlsx`;
}

export async function form3File(deps: Deps, actor: Actor, r: LedgerRequest) {
  const rows = await ledgerRows(deps, r);
  const bytes = await form3Workbook({
    ...rows,
    periodLabel: r.month ? `${monthLabel(r.month)}底` : null,
    footer: {
      unit: await filingUnit(deps, actor, r),
      filler: await displayName(deps, actor.openId, actor.name),
      // their own phone (/我 电话=…), blank until they give one
      phone: (await getMember(deps.db, actor.openId))?.phone ?? "",
    },
  });
  return { fileName: form3FileName(r), bytes };
}

export const exportSub: Subcommand = {
  name: "导出",
  aliases: ["excel", "Excel"],
  action: "ledger.export",
  summary: "按附件3格式导出 Excel（.xlsx）：重大隐患一张表、一般隐患另一张；月份= 为那个月底的台账",
  usage: EXPORT_USAGE,
  example: "/台账 导出 单位=应急办 月份=2023-06",
  keys: ["单位", "领域", "月份"],
  async run(ctx) {
    if (ctx.args.length > 0)
      throw new BotError("unreadable", `「${ctx.args[0]}」要写成 名称=值，例如 月份=2023-06`, [EXPORT_USAGE]);
    if (ctx.named.页 !== undefined)
      throw new BotError("unreadable", "导出的是整本台账，不分页：去掉 页=", [EXPORT_USAGE]);
    const r = await readLedgerRequest(ctx.deps, ctx.actor, ctx.named, EXPORT_USAGE);
    const file = await form3File(ctx.deps, ctx.actor, r);
    await ctx.reply({ msgType: "file", ...file });
  },
};
