// `/调度表 填报 [2023-06] 领域=…` and its form's submit: a sector's monthly 附件4 figures, filed by its bound
// 责任干部 or an admin, checked with the field named (nothing written on a refusal), editable until the 20th
// and after it by an admin (recorded in the audit log as such).

import { form4Card } from "../../cards/form4";
import { type Form4FormView, form4FormCard } from "../../cards/form4-form";
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { checkFigures, ENTERED_FIELDS, lowered } from "../../src/domain/form4";
import { filingDueDay, type Period, periodLabel, periodOf, previousPeriod } from "../../src/domain/periods";
import { dateIn } from "../../src/domain/time";
import { parseYesNo } from "../../src/domain/yes-no";
import { form4Report, TOWNSHIP_OFFICE } from "../../src/reports/form4";
import { listEnterprises } from "../../src/store/enterprises";
import { type Filing, fileForm4, getFiling } from "../../src/store/monthly-filings";
import { listDuties } from "../../src/store/sector-members";
import { getUnit, listSectors, type SectorRow } from "../../src/store/units";
import { readArgs } from "../args";
import { resolveSector } from "../lookups";
import type { CardAction, Subcommand } from "../types";
import { dayLabel, monthOf } from "./month";

export const FILE_USAGE = "/调度表 填报 [2023-06] 领域=…";

/** The form's words for its figures (行政处罚 names two), as someone might type them as keys. */
const FIGURE_LABELS: string[] = [...new Set(ENTERED_FIELDS.map((f) => f.label))];

/** Only the sector's bound 责任干部, or an admin, files its table. */
async function mayFile(deps: Deps, actor: Actor, sector: SectorRow): Promise<void> {
  if (actor.role === "管理员") return;
  const cadres = (await listDuties(deps.db)).filter((d) => d.sectorId === sector.id && d.duty === "责任干部");
  if (cadres.some((d) => d.openId === actor.openId)) return;
  throw new BotError(
    "forbidden",
    `「${sector.name}」领域的调度表由它绑定的责任干部或管理员填报${cadres.length === 0 ? "；这个领域还没有绑定责任干部，请管理员用 /绑定 @某人 领域=… 绑定" : ""}。`,
  );
}

/** After the 20th of the next month only an admin may still change a month's figures. */
function pastDue(month: Period, today: string): boolean {
  return today > filingDueDay(month);
}

function checkMonth(deps: Deps, actor: Actor, month: Period): { late: boolean } {
  const today = dateIn(deps.now(), deps.config.timezone);
  if (month.end >= today)
    throw new BotError("conflict", `${periodLabel(month)}还没结束，月底过后才能填报它的调度表。`, [
      FILE_USAGE,
    ]);
  const late = pastDue(month, today);
  if (late && actor.role !== "管理员")
    throw new BotError(
      "conflict",
      `${periodLabel(month)}的调度表 ${filingDueDay(month)} 截止，过后只能由管理员修改（会记录在案）。`,
    );
  return { late };
}

async function formView(
  deps: Deps,
  sector: SectorRow,
  month: Period,
  filed: Filing | undefined,
  notices: string[],
): Promise<Form4FormView> {
  const registryCount = (await listEnterprises(deps.db, { sectorId: sector.id })).length;
  // A month already filed is amended from its own figures. A month never filed starts blank, so nothing is
  // filed that nobody typed; last month's figures are shown as hints only (an input's placeholder is not sent).
  const last = filed ? undefined : await getFiling(deps.db, sector.id, previousPeriod(month).key);
  return {
    sectorId: sector.id,
    sectorName: sector.name,
    month: month.key,
    monthLabel: periodLabel(month),
    values: filed?.figures ?? {},
    hints: last?.figures ?? {},
    registryCount,
    notices,
  };
}

export const fileSub: Subcommand = {
  name: "填报",
  action: "form4.file",
  summary:
    "填报一个领域某月的附件4（台账给不出的数字），在表单卡片上填；该领域绑定的责任干部或管理员，20日截止",
  usage: FILE_USAGE,
  example: "/调度表 填报 2023-06 领域=消防",
  // the figures' labels too, so that one typed here is read as a key and refused, not glued into 领域's value
  keys: ["领域", "月份", ...FIGURE_LABELS],
  async run(ctx) {
    const figure = Object.keys(ctx.named).find((k) => FIGURE_LABELS.includes(k));
    const { [figure ?? ""]: _typed, ...named } = ctx.named;
    const args = readArgs(named, { 领域: "sector", 月份: "month" });
    const today = dateIn(ctx.deps.now(), ctx.deps.config.timezone);
    const month = monthOf(ctx.args, named, today, FILE_USAGE);
    if (args.sector === undefined) throw new BotError("bad_input", "要写明哪个领域：领域=…", [FILE_USAGE]);
    const sector = await resolveSector(ctx.deps, args.sector);
    // The figures are entered on the form only, where every one must be typed: no line files a month unseen.
    if (figure !== undefined)
      throw new BotError(
        "bad_input",
        `「${figure}」这样的数字在表单卡片上填，不在命令里写。发送下面这行得到表单，每项都要填，没有就填 0：`,
        [`/调度表 填报 ${month.key} 领域=${sector.name}`],
      );
    await mayFile(ctx.deps, ctx.actor, sector);
    const { late } = checkMonth(ctx.deps, ctx.actor, month);
    const filed = await getFiling(ctx.deps.db, sector.id, month.key);
    const notices = [
      `${periodLabel(month)}，各项填从专项开始到月底的累计数；每项都要填，没有就填 0。${filingDueDay(month)} 截止。`,
      filed
        ? "这个月已经填报过：表里是已填的数，改了再提交就是更正。"
        : "这个月还没有填报：表是空的，灰色的是上月填的数，只作参考，不会自动填入。",
      ...(late ? ["已过截止日：管理员的这次修改会记录在案。"] : []),
    ];
    await ctx.reply({
      msgType: "interactive",
      card: form4FormCard(await formView(ctx.deps, sector, month, filed, notices)),
    });
  },
};

const text = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

export const submitAction: CardAction = {
  name: "form4.submit",
  permission: "form4.file",
  async run({ deps, actor, value, form }) {
    const sector = (await listSectors(deps.db)).find((s) => s.id === value.sectorId);
    const monthKey =
      typeof value.month === "string" && /^\d{4}-\d{2}$/.test(value.month) ? value.month : null;
    if (!sector || monthKey === null)
      throw new BotError("bad_input", "这张表单不完整，请重新发送 /调度表 填报。");
    const month = periodOf("month", `${monthKey}-01`);
    await mayFile(deps, actor, sector);
    const { late } = checkMonth(deps, actor, month);
    const registryCount = (await listEnterprises(deps.db, { sectorId: sector.id })).length;
    const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, text(v)]));
    const checked = checkFigures(values, registryCount);
    if (!checked.ok) return { toast: { type: "warning", content: checked.error } };
    const previous = await getFiling(deps.db, sector.id, previousPeriod(month).key);
    const fell = lowered(checked.figures, previous?.figures ?? null);
    if (fell.length > 0 && parseYesNo(text(form.confirm) ?? "") !== true) {
      const f = fell[0]!;
      return {
        toast: {
          type: "warning",
          content: `「${f.label}」比上月（${previous!.figures[f.key]}）少：累计数一般不会减少。确实如此请在「确认」里填「是」再提交。`,
        },
      };
    }
    const before = await getFiling(deps.db, sector.id, month.key);
    const own = actor.unitId === null ? undefined : await getUnit(deps.db, actor.unitId);
    const at = deps.now();
    await fileForm4(
      deps.db,
      {
        sectorId: sector.id,
        month: month.key,
        figures: checked.figures,
        filerUnit: own?.name ?? TOWNSHIP_OFFICE,
        filedBy: actor.openId,
        filedAt: before?.filedAt ?? at,
        updatedAt: at,
      },
      before,
      { late },
    );
    const report = await form4Report(deps, month);
    const table = report.sectors.find((t) => t.sector.id === sector.id)!;
    return {
      toast: {
        type: "success",
        content: `已${before ? "更新" : "填报"} ${sector.name} ${periodLabel(month)}的调度表`,
      },
      card: form4Card({
        sectorName: sector.name,
        filer: table.filing?.filerUnit ?? "",
        date: dayLabel(month.end),
        table: table.table,
        state: `已填报（${table.filing?.filerUnit ?? ""}）`,
        hints: [
          `导出 Excel：/调度表 ${month.key} 领域=${sector.name}`,
          `${filingDueDay(month)} 前可再次填报修改。`,
        ],
      }),
    };
  },
};
