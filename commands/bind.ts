// /绑定: an admin binds a mentioned person to a role (管理员, 领导, 干部 with a unit, 企业负责人 with an
// enterprise), with 领域= making a 领导 or 干部 answer for sectors; 领域= alone adds sectors to someone
// already bound; without a mention, anyone asks to be bound and the admins decide on a card.

import { memberBoundCard, memberDutiesCard } from "../cards/members";
import { BotError } from "../src/bot/errors";
import { excerpt } from "../src/domain/excerpt";
import { can } from "../src/domain/permissions";
import { describePhone } from "../src/domain/phone";
import { describeMember, dutyFor, dutyRows, noDutyReason } from "../src/domain/sector-duties";
import { isUniqueViolation } from "../src/store/constraint";
import { getEnterprise } from "../src/store/enterprises";
import { setMemberPhone } from "../src/store/member-phones";
import { bindMember, getMember } from "../src/store/members";
import { addDuties, dutiesOf } from "../src/store/sector-members";
import { getUnit } from "../src/store/units";
import {
  BIND_KEYS,
  type Binding,
  dutyViews,
  noAdminLeft,
  readBindLine,
  type SectorChoice,
} from "./bind/binding";
import { decideRequest, requestBinding } from "./bind/requests";
import { displayName, mentionedPeople, type Person } from "./people";
import type { Command, CommandContext } from "./types";

const USAGE = "/绑定 @某人 角色=管理员/领导/干部/企业负责人 [单位=…] [企业=…] [领域=…] [电话=…]";
const DUTY_USAGE = "/绑定 @某人 领域=…（给已绑定的领导、干部添加负责领域）";
const REQUEST_USAGE = "/绑定 角色=干部 单位=… [领域=…]（不写 @，申请绑定自己）";

/** Where a member belongs, for messages: an enterprise head's enterprise, else their unit. */
async function placeOf(ctx: CommandContext, unitId: number | null, enterpriseId: number | null) {
  if (enterpriseId !== null) return (await getEnterprise(ctx.deps.db, enterpriseId))?.name ?? null;
  return unitId === null ? null : ((await getUnit(ctx.deps.db, unitId))?.name ?? null);
}

/** The unit a binding puts the person in: an enterprise head's is the enterprise's. */
async function unitNameOf(ctx: CommandContext, binding: Binding): Promise<string | null> {
  if (binding.enterpriseId === null) return binding.unitName;
  const enterprise = await getEnterprise(ctx.deps.db, binding.enterpriseId);
  return enterprise ? ((await getUnit(ctx.deps.db, enterprise.unitId))?.name ?? null) : null;
}

async function bindOther(ctx: CommandContext, person: { openId: string; name: string }, binding: Binding) {
  const { deps } = ctx;
  const existing = await getMember(deps.db, person.openId);
  if (existing) {
    const place = await placeOf(ctx, existing.unitId, existing.enterpriseId);
    throw new BotError(
      "conflict",
      `${existing.name} 已绑定为${describeMember(existing, place)}，先 /解绑 @${existing.name} 再绑定。`,
    );
  }
  const name = await displayName(deps, person.openId, person.name);
  const duties = dutyRows(person.openId, binding.role, binding.sectors);
  let bound: Awaited<ReturnType<typeof bindMember>>;
  try {
    bound = await bindMember(
      deps.db,
      {
        openId: person.openId,
        name,
        role: binding.role,
        unitId: binding.unitId,
        enterpriseId: binding.enterpriseId,
        phone: binding.phone,
        boundBy: ctx.actor.openId,
      },
      ctx.actor.openId,
      duties,
      deps.config.adminOpenIds,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new BotError("conflict", `${name} 刚刚已被绑定，先 /解绑 再绑定。`);
    throw error;
  }
  if (bound === "no_admin_left") throw noAdminLeft();
  await ctx.reply({
    msgType: "interactive",
    card: memberBoundCard({
      name,
      role: binding.role,
      unitName: await unitNameOf(ctx, binding),
      enterpriseName: binding.enterpriseName,
      duties: await dutyViews(deps, duties),
      phone: shownPhone(ctx, binding.phone),
    }),
  });
}

/** A member's phone on the answer to an admin: whole in a private chat, masked in a group. */
function shownPhone(ctx: CommandContext, phone: string | null): string {
  return describePhone(phone, ctx.event.chatType === "p2p");
}

/** /绑定 @某人 电话=…: an admin sets (or, with 无, clears) a bound member's phone. */
async function setPhone(ctx: CommandContext, person: Person, phone: string | null) {
  const { deps } = ctx;
  const member = await getMember(deps.db, person.openId);
  const shown = member?.name ?? (person.name || person.openId);
  if (!member) {
    throw new BotError(
      "conflict",
      `${shown} 还没有绑定，电话记在成员上：先 /绑定 @${shown} 角色=… 电话=…（绑定时一起写）。`,
    );
  }
  if (member.phone === phone) {
    throw new BotError(
      "bad_input",
      phone === null ? `${shown} 还没有电话，没有要清除的。` : `${shown} 的电话和现在一样，没有改动。`,
    );
  }
  if (!(await setMemberPhone(deps.db, member, phone, ctx.actor.openId, deps.now()))) {
    throw new BotError("conflict", `${shown} 刚刚被解绑或重新绑定了，电话没有写入。`);
  }
  await ctx.reply({
    msgType: "text",
    text:
      phone === null
        ? `已清除 ${shown} 的电话。`
        : `已把 ${shown} 的电话记为 ${shownPhone(ctx, phone)}（群里打码显示）。`,
  });
}

/** /绑定 @某人 领域=…: more sectors for a bound 领导 or 干部, under the duty their role carries. */
async function addSectorDuties(ctx: CommandContext, person: Person, sectors: SectorChoice[]) {
  const { deps } = ctx;
  const member = await getMember(deps.db, person.openId);
  const shown = member?.name ?? (person.name || person.openId);
  if (!member) {
    const why = deps.config.adminOpenIds.includes(person.openId)
      ? `${shown} 是 ADMIN_OPEN_IDS 设定的管理员，${noDutyReason("管理员")}`
      : `${shown} 还没有绑定：先 /绑定 @${shown} 角色=干部 单位=… 领域=…（领导不写单位）。`;
    throw new BotError("conflict", why);
  }
  const duty = dutyFor(member.role);
  if (duty === null) {
    const place = await placeOf(ctx, member.unitId, member.enterpriseId);
    throw new BotError(
      "conflict",
      `${shown} 已绑定为${describeMember(member, place)}；${noDutyReason(member.role)}`,
    );
  }
  const held = await dutiesOf(deps.db, member.openId);
  const fresh = sectors.filter((s) => !held.some((d) => d.sectorId === s.id && d.duty === duty));
  if (fresh.length === 0) {
    const names = sectors.map((s) => s.name).join("、");
    throw new BotError("conflict", `${shown} 已是${names}的${duty}，没有要添加的。`);
  }
  const added = dutyRows(member.openId, member.role, fresh);
  let done: boolean;
  try {
    done = await addDuties(deps.db, member.openId, member.role, added, ctx.actor.openId);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new BotError("conflict", `${shown} 的负责领域刚刚有人改过，请再发一次。`);
    throw error;
  }
  if (!done) throw new BotError("conflict", `${shown} 刚刚被解绑或改了角色，没有添加。`);
  await ctx.reply({
    msgType: "interactive",
    card: memberDutiesCard({
      name: shown,
      role: member.role,
      added: await dutyViews(deps, added),
      all: await dutyViews(deps, await dutiesOf(deps.db, member.openId)),
    }),
  });
}

export const bindCommand: Command = {
  name: "绑定",
  aliases: ["bind"],
  summary: "绑定成员的角色、负责领域和电话；不写 @ 时申请绑定自己",
  subcommands: [
    {
      name: "",
      // Anyone may ask to be bound; binding someone else (a mention) is checked against member.bind below.
      action: "member.request",
      summary:
        "管理员绑定成员（干部要写单位，企业负责人要写企业；领域= 让领导做这些领域的责任领导、干部做责任干部，几个领域用 、 分开）；已绑定的领导、干部只写 领域= 是添加负责领域；电话= 记下成员的电话（绑定时一起写，或给已绑定的人单独写，电话=无 清除；群里打码显示）；不写 @ 是申请绑定自己，由管理员在卡片上同意",
      usage: USAGE,
      keys: Object.keys(BIND_KEYS),
      example: "/绑定 @张三 角色=干部 单位=应急办 领域=危化品、消防",
      async run(ctx) {
        const people = mentionedPeople(ctx.args, ctx.event);
        const stray = ctx.args.filter((a) => !a.startsWith("@ou_"));
        if (stray.length > 0) {
          throw new BotError(
            "unreadable",
            `看不懂「${excerpt(stray[0] ?? "")}」：要绑定的人请在飞书里用 @ 选择，其余写成 角色=…、单位=…、企业=…、领域=…`,
            [USAGE, DUTY_USAGE, REQUEST_USAGE],
          );
        }
        if (people.length > 1) throw new BotError("bad_input", "一次只能绑定一个人。", [USAGE]);
        const person = people[0];
        if (person && !can(ctx.actor.role, "member.bind")) {
          throw new BotError(
            ctx.actor.role === "未绑定" ? "unbound" : "forbidden",
            `只有管理员能绑定他人。要绑定自己，发送「${REQUEST_USAGE}」。`,
          );
        }
        const line = await readBindLine(ctx.deps, ctx.named);
        if (line.kind === "phone") {
          if (!person) {
            throw new BotError("bad_input", "填写自己的电话用 /我 电话=…；给别人填写要 @ 这个人。", [
              "/我 电话=13800000001",
              USAGE,
            ]);
          }
          await setPhone(ctx, person, line.phone);
        } else if (line.kind === "duties") {
          if (!person) {
            throw new BotError(
              "bad_input",
              "申请绑定自己要写 角色=…；只写 领域= 是管理员给已绑定的人添加负责领域，要 @ 这个人。",
              [REQUEST_USAGE, DUTY_USAGE],
            );
          }
          await addSectorDuties(ctx, person, line.sectors);
        } else if (person) await bindOther(ctx, person, line.binding);
        else await requestBinding(ctx, line.binding);
      },
    },
  ],
  cardActions: [
    { name: "member.approve", permission: "member.approve", run: (ctx) => decideRequest(ctx, "approved") },
    { name: "member.reject", permission: "member.approve", run: (ctx) => decideRequest(ctx, "rejected") },
  ],
};
