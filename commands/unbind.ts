// /解绑 @某人: an admin removes a member's role and the sectors they answered for; the last admin cannot be
// removed.
import { memberUnboundCard } from "../cards/members";
import { BotError } from "../src/bot/errors";
import { getMember, unbindMember } from "../src/store/members";
import { dutiesOf } from "../src/store/sector-members";
import { dutyViews, noAdminLeft } from "./bind/binding";
import { mentionedPeople } from "./people";
import type { Command } from "./types";

const USAGE = "/解绑 @某人";

export const unbindCommand: Command = {
  name: "解绑",
  aliases: ["unbind"],
  summary: "解除成员的绑定",
  subcommands: [
    {
      name: "",
      action: "member.unbind",
      summary: "解除一位成员的角色和负责领域（不能解绑最后一位管理员）",
      usage: USAGE,
      example: "/解绑 @张三",
      async run(ctx) {
        const people = mentionedPeople(ctx.args, ctx.event);
        if (people.length !== 1 || ctx.args.length !== 1 || Object.keys(ctx.named).length > 0) {
          throw new BotError("bad_input", "要 @ 一位成员，且只写这一位。");
        }
        const person = people[0]!;
        const member = await getMember(ctx.deps.db, person.openId);
        if (!member) {
          const fromEnv = ctx.deps.config.adminOpenIds.includes(person.openId);
          throw new BotError(
            "not_found",
            fromEnv
              ? `${person.name || person.openId} 是 ADMIN_OPEN_IDS 设定的管理员，没有在群里绑定；要取消，请改环境变量。`
              : `${person.name || person.openId} 没有绑定，不用解绑。`,
          );
        }
        const duties = await dutiesOf(ctx.deps.db, member.openId);
        const { adminOpenIds } = ctx.deps.config;
        const done = await unbindMember(ctx.deps.db, member, ctx.actor.openId, duties, adminOpenIds);
        if (done === "no_admin_left") throw noAdminLeft();
        if (done === "not_bound") throw new BotError("not_found", `${member.name} 刚刚已被解绑。`);
        await ctx.reply({
          msgType: "interactive",
          card: memberUnboundCard({
            name: member.name,
            role: member.role,
            unitName: null,
            enterpriseName: null,
            duties: await dutyViews(ctx.deps, duties),
          }),
        });
      },
    },
  ],
};
