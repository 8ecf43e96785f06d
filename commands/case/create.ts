// `/案例 新增 单位=… 企业=… 领域=… 描述=… [日期=…] [危险作业罪=是] [报送日期=…]`: a typical enforcement case
// (典型执法案例). Each unit owes at least one a quarter (seed §三(二)3); 附件4 counts them.
import { card, escapeMd, md } from "../../cards/fragments";
import { BotError } from "../../src/bot/errors";
import { parseDate } from "../../src/domain/dates";
import { NAME_MAX, TEXT_MAX, tooLong } from "../../src/domain/hazard-input";
import { periodLabel, periodOf } from "../../src/domain/periods";
import { dateIn } from "../../src/domain/time";
import { parseYesNo } from "../../src/domain/yes-no";
import { addCase } from "../../src/store/cases";
import { readArgs } from "../args";
import { resolveSector, resolveUnit } from "../lookups";
import type { Subcommand } from "../types";

export const CASE_USAGE =
  "/案例 新增 单位=… 企业=… 领域=… 描述=… [日期=2023-06-20] [危险作业罪=是] [报送日期=2023-06-25]";
const KEYS = {
  单位: "unit",
  企业: "enterprise",
  领域: "sector",
  描述: "description",
  日期: "date",
  危险作业罪: "crime",
  报送日期: "reported",
} as const;

function pastDate(label: string, text: string, today: string): string {
  const parsed = parseDate(text, { today, looking: "back" });
  if (!parsed.ok) throw new BotError("bad_input", `${label}：${parsed.error}`, [CASE_USAGE]);
  if (parsed.date > today)
    throw new BotError("bad_input", `${label} ${parsed.date} 在今天之后`, [CASE_USAGE]);
  return parsed.date;
}

export const createSub: Subcommand = {
  name: "新增",
  aliases: ["登记"],
  action: "case.create",
  summary: "登记一起典型执法案例（每个单位每季度至少 1 起，报县安委办），附件4 计入",
  usage: CASE_USAGE,
  example:
    "/案例 新增 单位=应急办 企业=东风加油站 领域=危化品 描述=无证动火作业被查处 日期=6月20日 危险作业罪=是",
  keys: Object.keys(KEYS),
  async run(ctx) {
    const { deps, actor } = ctx;
    if (ctx.args.length > 0)
      throw new BotError("unreadable", `「${ctx.args[0]}」要写成 名称=值，例如 描述=…`, [CASE_USAGE]);
    const a = readArgs(ctx.named, KEYS);
    const missing = (["unit", "enterprise", "sector", "description"] as const).filter((k) => !a[k]?.trim());
    if (missing.length > 0) {
      const names = { unit: "单位", enterprise: "企业", sector: "领域", description: "描述" };
      throw new BotError("bad_input", `缺少 ${missing.map((k) => `${names[k]}=`).join("、")}`, [CASE_USAGE]);
    }
    const unit = await resolveUnit(deps, a.unit!);
    if (actor.role !== "管理员" && actor.unitId !== unit.id)
      throw new BotError("forbidden", `你只能登记本单位的案例，不能登记「${unit.name}」的。`);
    const sector = await resolveSector(deps, a.sector!);
    const enterprise = a.enterprise!.trim();
    const description = a.description!.trim();
    const long = tooLong("企业", enterprise, NAME_MAX) ?? tooLong("描述", description, TEXT_MAX);
    if (long) throw new BotError("bad_input", long, [CASE_USAGE]);
    const today = dateIn(deps.now(), deps.config.timezone);
    const caseOn = a.date === undefined ? today : pastDate("日期", a.date, today);
    const reportedOn = a.reported === undefined ? null : pastDate("报送日期", a.reported, today);
    let crime = false;
    if (a.crime !== undefined) {
      const yes = parseYesNo(a.crime);
      if (yes === undefined)
        throw new BotError("bad_input", `危险作业罪「${a.crime}」只能写 是 或 否`, [CASE_USAGE]);
      crime = yes;
    }
    const row = await addCase(deps.db, {
      unitId: unit.id,
      enterpriseName: enterprise,
      sectorId: sector.id,
      description,
      caseOn,
      dangerousWorkCrime: crime,
      reportedOn,
      createdBy: actor.openId,
      createdAt: deps.now(),
    });
    const quarter = periodLabel(periodOf("quarter", caseOn));
    const lines = [
      `**${escapeMd(unit.name)}** ${quarter}的典型执法案例已登记（第 ${row.id} 号）。`,
      `企业：${escapeMd(enterprise)}　领域：${escapeMd(sector.name)}　日期：${caseOn}${crime ? "　危险作业罪" : ""}`,
      `描述：${escapeMd(description)}`,
      reportedOn ? `报送县安委办：${reportedOn}` : "尚未写报送日期（报送后可再登记时写 报送日期=）",
    ];
    await ctx.reply({ msgType: "interactive", card: card("典型执法案例", "green", [md(lines.join("\n"))]) });
  },
};
