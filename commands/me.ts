// /我: one's own binding (role, unit, enterprise, sectors, phone), and /我 电话=… to set one's own phone. The phone
// is shown whole only in a private chat with the bot; in a group it is masked like every group card.
import { myBindingCard } from "../cards/me";
import { BotError } from "../src/bot/errors";
import { excerpt } from "../src/domain/excerpt";
import { describePhone, PHONE_HINT, readPhoneValue } from "../src/domain/phone";
import { setMemberPhone } from "../src/store/member-phones";
import { getMember } from "../src/store/members";
import { readArgs } from "./args";
import { memberViews } from "./member-list/views";
import type { Command, CommandContext } from "./types";

const USAGE = "/我 [电话=…]";
const KEYS = { 电话: "phone", 手机: "phone", 联系电话: "phone" } as const;

async function me(ctx: CommandContext): Promise<void> {
  const { deps, actor } = ctx;
  const args = readArgs(ctx.named, KEYS);
  if (ctx.args.length > 0) {
    throw new BotError(
      "unreadable",
      `「${excerpt(ctx.args[0] ?? "")}」看不懂：/我 只看自己的绑定；改电话写 /我 电话=13800000001。`,
      [USAGE],
    );
  }
  const member = await getMember(deps.db, actor.openId);
  if (!member) {
    // ADMIN_OPEN_IDS admins act without a member row: nothing to show, nowhere to keep a phone
    throw new BotError(
      "conflict",
      "你是 ADMIN_OPEN_IDS 设定的管理员，还没有成员记录：先绑定自己（/绑定 @你自己 角色=管理员 电话=…），就能在这里看到并填写电话。",
    );
  }
  let notice: string | null = null;
  let current = member;
  if (args.phone !== undefined) {
    const phone = readPhoneValue(args.phone);
    if (!phone.ok) throw new BotError("bad_input", `电话${phone.error}`, [USAGE]);
    if (phone.phone === member.phone) {
      throw new BotError(
        "bad_input",
        phone.phone === null ? "你还没有填电话，没有要清除的。" : "电话和现在一样，没有改动。",
        [USAGE],
      );
    }
    if (!(await setMemberPhone(deps.db, member, phone.phone, actor.openId, deps.now()))) {
      throw new BotError("conflict", "你的绑定刚刚被改过或解绑了，电话没有写入：请再发一次 /我 查看。");
    }
    current = { ...member, phone: phone.phone };
    notice = phone.phone === null ? "已清除你的电话。" : "已更新你的电话。";
  }
  // memberViews lists the ADMIN_OPEN_IDS admins too: take this member's own row
  const view = (await memberViews(deps, [current])).views.find((v) => v.openId === current.openId);
  const whole = ctx.event.chatType === "p2p";
  await ctx.reply({
    msgType: "interactive",
    card: myBindingCard({
      ...view!,
      phone: describePhone(current.phone, whole),
      notice,
      masked: !whole && current.phone !== null,
    }),
  });
}

export const meCommand: Command = {
  name: "我",
  aliases: ["me"],
  summary: "自己的绑定和电话",
  subcommands: [
    {
      name: "",
      action: "member.self",
      summary: `看自己的绑定（角色、单位、企业、负责领域、电话）；写 电话=… 填写或更改自己的电话（${PHONE_HINT}；写 电话=无 清除），表格的填报人联系电话用它。群里显示时电话打码，私聊才显示完整`,
      usage: USAGE,
      keys: Object.keys(KEYS),
      example: "/我 电话=13800000001",
      run: me,
    },
  ],
};
