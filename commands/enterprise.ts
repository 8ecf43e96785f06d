// /企业: the enterprise registry with its 公示牌 (附件1) fields: register one, list, view, show the board,
// and bulk-import a roster (附件2's shape imports as it is). 企业负责人 see only their own enterprise.
import { enterpriseBoardCard } from "../cards/enterprise-board";
import { enterpriseDetailCard } from "../cards/enterprise-detail";
import { enterpriseListCard } from "../cards/enterprise-list";
import type { Actor } from "../src/bot/actor";
import { BotError } from "../src/bot/errors";
import { checkEnterpriseText, enterpriseRecord, FIELD_LABELS } from "../src/domain/enterprise-fields";
import { foldName } from "../src/domain/names";
import { isUniqueViolation } from "../src/store/constraint";
import { createEnterprise, type EnterpriseRow, listEnterprises } from "../src/store/enterprises";
import { readArgs, refuseWords } from "./args";
import { enterpriseChangeSubs } from "./enterprise/changes";
import { awaitRosterFile, IMPORT_KEYS, IMPORT_USAGE, receiveRosterFile } from "./enterprise/import";
import { ENTERPRISE_KEYS } from "./enterprise/keys";
import { readLinks, refuseLooseMentions } from "./enterprise/links";
import { enterpriseViews } from "./enterprise/views";
import { resolveEnterprise, resolveSector, resolveUnit } from "./lookups";
import type { Command, CommandContext } from "./types";

const CREATE_USAGE =
  "/企业 新增 名称=… 单位=… 领域=… 负责人=… [电话=…] [挂点领导=姓名或@某人] [挂点领导电话=…] [责任干部=姓名或@某人] [责任干部电话=…] [高危=是/否]";

async function create(ctx: CommandContext): Promise<void> {
  refuseLooseMentions(ctx.args, CREATE_USAGE);
  refuseWords(ctx.args, "名称=某某加油站");
  const { texts: raw, links } = await readLinks(ctx, readArgs(ctx.named, ENTERPRISE_KEYS), CREATE_USAGE);
  const checked = checkEnterpriseText(raw);
  const problems = checked.ok ? [] : checked.problems.map((p) => p.message);
  if (!raw.unit?.trim()) problems.push(`缺少${FIELD_LABELS.unit}（单位=…）`);
  if (!raw.sector?.trim()) problems.push(`缺少${FIELD_LABELS.sector}（领域=…）`);
  if (!checked.ok || problems.length > 0) throw new BotError("bad_input", problems.join("\n"));
  const unit = await resolveUnit(ctx.deps, raw.unit!.trim());
  const sector = await resolveSector(ctx.deps, raw.sector!.trim());
  const value = checked.value;
  const existing = (await listEnterprises(ctx.deps.db)).find(
    (e) => foldName(e.name) === foldName(value.name),
  );
  if (existing) throw duplicate(existing.name);
  const fields = { ...enterpriseRecord(value, unit.id, sector.id, false), ...links };
  let row: EnterpriseRow;
  try {
    row = await createEnterprise(ctx.deps.db, fields, ctx.actor.openId);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(value.name);
    throw error;
  }
  const [view] = await enterpriseViews(ctx.deps, [row]);
  await ctx.reply({ msgType: "interactive", card: enterpriseDetailCard(view!, "已登记企业") });
}

function duplicate(name: string): BotError {
  return new BotError(
    "conflict",
    `已有名为「${name}」的企业，没有重复登记。发送 /企业 查看 ${name} 查看它。`,
  );
}

/** An enterprise head sees only the enterprise they are bound to. */
function visibleTo(actor: Actor, rows: EnterpriseRow[]): EnterpriseRow[] {
  return actor.role === "企业负责人" ? rows.filter((e) => e.id === actor.enterpriseId) : rows;
}

const LIST_KEYS = { 单位: "unit", 责任单位: "unit", 领域: "sector", 行业领域: "sector" } as const;
const NAME_KEYS = { 名称: "name", 企业: "name" } as const;

async function list(ctx: CommandContext): Promise<void> {
  const args = readArgs(ctx.named, LIST_KEYS);
  if (ctx.args.length > 0) throw new BotError("unreadable", "筛选条件写成 单位=… 或 领域=…");
  const unit = args.unit ? await resolveUnit(ctx.deps, args.unit) : undefined;
  const sector = args.sector ? await resolveSector(ctx.deps, args.sector) : undefined;
  const rows = visibleTo(
    ctx.actor,
    await listEnterprises(ctx.deps.db, {
      ...(unit ? { unitId: unit.id } : {}),
      ...(sector ? { sectorId: sector.id } : {}),
    }),
  );
  const filter = [unit && `单位：${unit.name}`, sector && `领域：${sector.name}`].filter(Boolean).join("，");
  await ctx.reply({
    msgType: "interactive",
    card: enterpriseListCard(await enterpriseViews(ctx.deps, rows), filter),
  });
}

/** The enterprise a 查看/公示牌 line names: one (possibly quoted) word, or the rest of the line. */
async function named(ctx: CommandContext): Promise<EnterpriseRow> {
  const args = readArgs(ctx.named, NAME_KEYS);
  const input = args.name ?? (ctx.args.length === 1 ? ctx.args[0]! : ctx.rest(1));
  if (!input.trim()) throw new BotError("bad_input", "要写企业名称");
  const row = await resolveEnterprise(ctx.deps, input.trim(), "not_found");
  if (visibleTo(ctx.actor, [row]).length === 0) {
    throw new BotError("forbidden", "企业负责人只能查看本企业。");
  }
  return row;
}

export const enterpriseCommand: Command = {
  name: "企业",
  aliases: ["enterprise"],
  summary: "企业名录与安全生产责任公示牌",
  subcommands: [
    {
      name: "新增",
      aliases: ["登记", "添加"],
      action: "enterprise.create",
      summary:
        "登记一家企业（公示牌各项；电话可不填，填了会检查）；挂点领导=@某人 关联一位已绑定的领导，责任干部=@某人 关联一位已绑定的干部或领导（提醒无人知悉时找他们）；与已注销企业同名时登记为新的企业（注销的那条留作历史）",
      usage: CREATE_USAGE,
      keys: Object.keys(ENTERPRISE_KEYS),
      example:
        "/企业 新增 名称=某某烟花爆竹零售店 单位=高兴镇人民政府 领域=烟花爆竹 负责人=张三 电话=13800000001",
      run: create,
    },
    {
      name: "列表",
      action: "enterprise.view",
      summary: "企业名录，可按单位、领域筛选（已注销的不列出）",
      usage: "/企业 列表 [单位=…] [领域=…]",
      keys: Object.keys(LIST_KEYS),
      example: "/企业 列表 领域=烟花爆竹",
      run: list,
    },
    {
      name: "查看",
      action: "enterprise.view",
      summary: "一家企业的登记信息，以及关联为挂点领导、责任干部的成员",
      usage: "/企业 查看 <名称>",
      keys: Object.keys(NAME_KEYS),
      example: "/企业 查看 某某烟花爆竹零售店",
      async run(ctx) {
        const [view] = await enterpriseViews(ctx.deps, [await named(ctx)]);
        await ctx.reply({ msgType: "interactive", card: enterpriseDetailCard(view!) });
      },
    },
    {
      name: "公示牌",
      action: "enterprise.view",
      summary: "一家企业的安全生产责任公示牌（附件1）",
      usage: "/企业 公示牌 <名称>",
      keys: Object.keys(NAME_KEYS),
      example: "/企业 公示牌 某某烟花爆竹零售店",
      async run(ctx) {
        const [view] = await enterpriseViews(ctx.deps, [await named(ctx)]);
        await ctx.reply({ msgType: "interactive", card: enterpriseBoardCard(view!) });
      },
    },
    {
      name: "导入",
      action: "enterprise.import",
      summary:
        "批量导入企业名录：发命令后 10 分钟内发 .xlsx 或 .csv 文件（附件2 的样式可直接导入），全部无误才写入",
      usage: IMPORT_USAGE,
      keys: Object.keys(IMPORT_KEYS),
      example: "/企业 导入 领域=烟花爆竹 高危=否",
      run: awaitRosterFile,
    },
    ...enterpriseChangeSubs,
  ],
  onPlainMessage: receiveRosterFile,
};
