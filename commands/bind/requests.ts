// A person's own request to be bound (with the sectors they ask to answer for): stored, then put before the
// admins as a card with 同意 / 拒绝, in the dispatch group when there is one, else privately to each admin.
// Deciding it is idempotent; approving gives the sector duties too.
import { type BindDecision, type BindRequestView, bindRequestCard } from "../../cards/bind-request";
import type { Card } from "../../cards/types";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { lacksPermission } from "../../src/bot/replies";
import { effectiveSetting } from "../../src/bot/settings";
import { effectiveAdmins } from "../../src/domain/admins";
import { describeMember, dutyRows } from "../../src/domain/sector-duties";
import type { Target } from "../../src/feishu/messenger";
import {
  type BindRequestRow,
  createBindRequest,
  type DecideResult,
  type Decision,
  decideBindRequest,
  getBindRequest,
  pendingRequestOf,
} from "../../src/store/bind-requests";
import { isUniqueViolation } from "../../src/store/constraint";
import { getEnterprise } from "../../src/store/enterprises";
import { getMember, listMembers } from "../../src/store/members";
import { getUnit } from "../../src/store/units";
import { nameFor } from "../people";
import type { CardAnswer, CardContext, CommandContext } from "../types";
import { type Binding, dutyViews, noAdminLeft } from "./binding";

/** The sector ids a request carries (stored as a JSON array; null for none). */
function requestedSectors(r: BindRequestRow): { id: number }[] {
  if (r.sectors === null) return [];
  const ids = JSON.parse(r.sectors) as unknown;
  return Array.isArray(ids)
    ? ids.filter((id): id is number => Number.isInteger(id)).map((id) => ({ id }))
    : [];
}

async function requestView(deps: Deps, r: BindRequestRow): Promise<BindRequestView> {
  const unit = r.unitId === null ? undefined : await getUnit(deps.db, r.unitId);
  const enterprise = r.enterpriseId === null ? undefined : await getEnterprise(deps.db, r.enterpriseId);
  return {
    id: r.id,
    openId: r.openId,
    name: r.name,
    role: r.role,
    unitName: unit?.name ?? null,
    enterpriseName: enterprise?.name ?? null,
    duties: await dutyViews(deps, dutyRows(r.openId, r.role, requestedSectors(r))),
  };
}

/** Where the admins see requests: the dispatch group, else each admin privately. */
async function adminTargets(deps: Deps): Promise<Target[]> {
  const group = await effectiveSetting(deps, "调度群");
  if (group) return [{ kind: "chat", chatId: group }];
  const admins = effectiveAdmins(await listMembers(deps.db), deps.config.adminOpenIds);
  return [...admins].map((openId) => ({ kind: "user", openId }));
}

export async function requestBinding(ctx: CommandContext, binding: Binding): Promise<void> {
  if (binding.phone !== null) {
    throw new BotError("bad_input", "申请绑定时不用写电话：绑定后发 /我 电话=… 自己填写。");
  }
  const { deps, event } = ctx;
  const bound = await getMember(deps.db, event.sender);
  if (bound) {
    throw new BotError(
      "conflict",
      `你已绑定为${bound.role}，不用再申请；要改角色，请管理员先 /解绑 再绑定。`,
    );
  }
  const waiting = await pendingRequestOf(deps.db, event.sender);
  if (waiting) throw new BotError("conflict", `你的绑定申请 #${waiting.id} 还在等管理员处理，不用重复申请。`);
  const named = await nameFor(deps, event.sender);
  const request = await createBindRequest(deps.db, {
    openId: event.sender,
    name: named.name,
    role: binding.role,
    unitId: binding.unitId,
    enterpriseId: binding.enterpriseId,
    sectors: binding.sectors.length === 0 ? null : JSON.stringify(binding.sectors.map((s) => s.id)),
    chatId: event.chatId,
  });
  const card = bindRequestCard(await requestView(deps, request));
  const targets = await adminTargets(deps);
  for (const target of targets)
    await deps.messenger.post(target, { msgType: "interactive", card }, `bind_request:${request.id}`);
  const where = targets[0]?.kind === "chat" ? "调度群" : "管理员";
  const answer =
    targets.length === 0
      ? `已记下你的申请 #${request.id}，但还没有管理员可以处理：请联系镇安委办设置管理员。`
      : `已把你的绑定申请 #${request.id} 发给${where}，管理员同意后就能使用安督。`;
  const nameNote = named.lacking ? `\n${lacksPermission("没能查到你的姓名，申请上暂时显示 open_id")}` : "";
  await ctx.reply({ msgType: "text", text: answer + nameNote });
}

async function notifyRequester(deps: Deps, r: BindRequestRow, card: Card): Promise<void> {
  const target: Target = r.chatId ? { kind: "chat", chatId: r.chatId } : { kind: "user", openId: r.openId };
  await deps.messenger.post(target, { msgType: "interactive", card });
}

/** Why a request can no longer be approved: its unit was 停用 or deleted, its enterprise 注销; null when fine. */
async function goneTarget(deps: Deps, r: BindRequestRow): Promise<string | null> {
  if (r.unitId !== null) {
    const unit = await getUnit(deps.db, r.unitId);
    if (!unit) return "申请的单位已被删除";
    if (unit.retired) return `单位「${unit.name}」已停用`;
  }
  if (r.enterpriseId !== null) {
    const enterprise = await getEnterprise(deps.db, r.enterpriseId);
    if (!enterprise) return "申请的企业已被删除";
    if (enterprise.retiredAt !== null) return `企业「${enterprise.name}」已注销`;
  }
  return null;
}

/** 同意 refused because the request's unit or enterprise is gone: the card keeps only 拒绝 and says why. */
async function refuseGone(deps: Deps, r: BindRequestRow, reason: string): Promise<CardAnswer> {
  const why = `${reason}，不能按这条申请绑定。请点 拒绝，再请 ${r.name} 按现在的单位或企业重新 /绑定 申请。`;
  const card = bindRequestCard(await requestView(deps, r), undefined, why);
  return { toast: { type: "warning", content: `不能同意：${reason}` }, card };
}

/** 同意 / 拒绝 on a request card: answers within the callback; a decided request answers 已处理. */
export async function decideRequest(ctx: CardContext, decision: Decision): Promise<CardAnswer> {
  const { deps, actor } = ctx;
  const id = Number(ctx.value.request);
  const request = Number.isInteger(id) ? await getBindRequest(deps.db, id) : undefined;
  if (!request) throw new BotError("not_found", "找不到这条绑定申请，卡片可能已失效。");
  if (request.status !== "pending") return { toast: { type: "info", content: "已处理" } };
  if (decision === "approved") {
    const bound = await getMember(deps.db, request.openId);
    if (bound)
      throw new BotError(
        "conflict",
        `${request.name} 已绑定为${describeMember(bound, null)}，先 /解绑 再同意`,
      );
    const gone = await goneTarget(deps, request);
    if (gone) return refuseGone(deps, request, gone);
  }
  let result: DecideResult;
  try {
    const duties = dutyRows(request.openId, request.role, requestedSectors(request));
    const { adminOpenIds } = deps.config;
    result = await decideBindRequest(
      deps.db,
      request,
      decision,
      actor.openId,
      deps.now(),
      duties,
      adminOpenIds,
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new BotError("conflict", `${request.name} 刚刚已被绑定，申请没有改动`);
    throw error;
  }
  if (result === "already") return { toast: { type: "info", content: "已处理" } };
  if (result === "no_admin_left") throw noAdminLeft();
  if (result === "target_retired")
    return refuseGone(deps, request, (await goneTarget(deps, request)) ?? "申请的单位或企业已不在用");
  const view = await requestView(deps, request);
  const decided: BindDecision = { status: decision, by: actor.openId };
  const card = bindRequestCard(view, decided);
  // The requester hears of it as a message: slower than the callback's 3 s is fine there.
  deps.background(() => notifyRequester(deps, request, card));
  return { toast: { type: "success", content: decision === "approved" ? "已同意" : "已拒绝" }, card };
}
