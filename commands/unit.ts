// /单位: the reporting units. The township and its departments are seeded from the plan; villages and
// communities (村居), which the plan does not name, are added here by admins; commands/unit/ corrects them.
import { unitCreatedCard, unitsCard } from "../cards/units";
import { BotError } from "../src/bot/errors";
import { isUniqueViolation } from "../src/store/constraint";
import { createUnit, listUnits, type UnitRow } from "../src/store/units";
import { readArgs, refuseWords } from "./args";
import type { Command, CommandContext } from "./types";
import { unitChangeSubs } from "./unit/changes";
import { KINDS, MAX_NAME, readAliases, requireFree } from "./unit/names";

const CREATE_KEYS = { 名称: "name", 单位: "name", 类型: "kind", 简称: "aliases", 别名: "aliases" } as const;

async function create(ctx: CommandContext): Promise<void> {
  refuseWords(ctx.args, "名称=高兴村");
  const args = readArgs(ctx.named, CREATE_KEYS);
  const name = args.name?.trim() ?? "";
  const problems: string[] = [];
  if (name === "") problems.push("缺少名称（名称=…）");
  else if ([...name].length > MAX_NAME) problems.push(`名称太长（最多 ${MAX_NAME} 个字）`);
  const kind = args.kind === undefined ? undefined : KINDS[args.kind.trim()];
  if (args.kind === undefined) problems.push("缺少类型（类型=村居 或 类型=镇直）");
  else if (kind === undefined) problems.push(`类型应是 村居 或 镇直，「${args.kind}」不行`);
  const aliases = readAliases(args.aliases ?? "", name);
  if (problems.length > 0 || kind === undefined) throw new BotError("bad_input", problems.join("\n"));
  requireFree([name, ...aliases], await listUnits(ctx.deps.db), { sameName: "，没有重复添加。" });
  let unit: UnitRow;
  try {
    unit = await createUnit(ctx.deps.db, { name, kind, aliases }, ctx.actor.openId);
  } catch (error) {
    if (isUniqueViolation(error)) throw new BotError("conflict", `已有单位「${name}」，没有重复添加。`);
    throw error;
  }
  await ctx.reply({ msgType: "interactive", card: unitCreatedCard(unit) });
}

export const unitCommand: Command = {
  name: "单位",
  aliases: ["unit"],
  summary: "报送单位：镇直（驻镇）单位和村（居）",
  subcommands: [
    {
      name: "列表",
      action: "unit.list",
      summary: "全部在用的报送单位，和命令里可用的简称（停用的不列出）",
      usage: "/单位 列表",
      example: "/单位 列表",
      async run(ctx) {
        await ctx.reply({ msgType: "interactive", card: unitsCard(await listUnits(ctx.deps.db)) });
      },
    },
    {
      name: "新增",
      aliases: ["添加"],
      action: "unit.create",
      summary:
        "添加一个村（居）或镇直单位，可附简称；与停用单位同名时登记为新的单位（停用的那条留作历史，不会恢复）",
      usage: "/单位 新增 名称=… 类型=村居/镇直 [简称=…、…]",
      keys: Object.keys(CREATE_KEYS),
      example: "/单位 新增 名称=高兴村 类型=村居",
      run: create,
    },
    ...unitChangeSubs,
  ],
};
