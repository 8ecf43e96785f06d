// /成员 [单位=…] [领域=…]: who is bound, with role, unit, enterprise and the sectors each answers for (admins
// and leaders); with 领域=, the plan's 责任领导 / 责任干部 for that sector above the people bound to it.
import { membersCard } from "../cards/members";
import { BotError } from "../src/bot/errors";
import { lacksPermission } from "../src/bot/replies";
import { describePhone } from "../src/domain/phone";
import { listMembers } from "../src/store/members";
import { readArgs } from "./args";
import { resolveSector, resolveUnit } from "./lookups";
import { memberViews, type UnnamedMembers } from "./member-list/views";
import type { Command } from "./types";

const USAGE = "/成员 [单位=…] [领域=…]";

/** Why some names show as open_id, and the permission to add: said on the card, as other commands say it. */
function unnamedNote(unnamed: UnnamedMembers): string | undefined {
  if (unnamed.count === 0) return undefined;
  const what = `有 ${unnamed.count} 人的姓名没能从飞书通讯录查到，暂时显示 open_id`;
  if (unnamed.fix === null) return lacksPermission(what);
  return `${what}：飞书应用缺少通讯录权限。请管理员在${unnamed.fix}；改好后可运行 npm run doctor 检查。`;
}

const KEYS = { 单位: "unit", 领域: "sector", 行业领域: "sector" } as const;

export const memberListCommand: Command = {
  name: "成员",
  aliases: ["members"],
  summary: "成员和角色",
  subcommands: [
    {
      name: "",
      action: "member.list",
      summary:
        "列出已绑定的成员及其角色、单位、企业、负责领域、电话（群里打码，管理员私聊看完整号码），可按单位筛选；按领域时先列出计划所列的责任领导和责任干部",
      usage: USAGE,
      keys: Object.keys(KEYS),
      example: "/成员 领域=危险化学品",
      async run(ctx) {
        const args = readArgs(ctx.named, KEYS);
        if (ctx.args.length > 0) throw new BotError("unreadable", "筛选条件写成 单位=… 或 领域=…");
        const unit = args.unit ? await resolveUnit(ctx.deps, args.unit) : undefined;
        const sector = args.sector ? await resolveSector(ctx.deps, args.sector) : undefined;
        const { views, unnamed } = await memberViews(ctx.deps, await listMembers(ctx.deps.db));
        // whole only to an admin in a private chat; masked in a group, and to leaders
        const whole = ctx.event.chatType === "p2p" && ctx.actor.role === "管理员";
        const rows = views
          .filter((m) => (!unit || m.unitId === unit.id) && (!sector || m.sectorIds.includes(sector.id)))
          .map((m) => ({ ...m, phone: describePhone(m.storedPhone, whole) }));
        const scope = [unit && `单位：${unit.name}`, sector && `领域：${sector.name}`].filter(Boolean);
        await ctx.reply({
          msgType: "interactive",
          card: membersCard(rows, scope.join("，"), sector, unnamedNote(unnamed)),
        });
      },
    },
  ],
};
