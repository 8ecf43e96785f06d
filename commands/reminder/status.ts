// `/提醒 状态 [本月/本季] [单位=…]`: acknowledged and not, by unit and enterprise, with 无法私信 marked. Admins and
// leaders see every unit, a 干部 their unit, an enterprise head their enterprise.
import { type ReminderStatusRow, reminderStatusCard } from "../../cards/reminder-status";
import { BotError } from "../../src/bot/errors";
import { parsePeriod, periodLabel } from "../../src/domain/periods";
import { seesAll } from "../../src/domain/permissions";
import { getEnterprise } from "../../src/store/enterprises";
import { memberNames } from "../../src/store/hazard-audience";
import {
  hazardIdsOfEnterprise,
  itemsSentBetween,
  type ReminderItemRow,
  unreachableRecipients,
} from "../../src/store/reminders";
import { listUnits } from "../../src/store/units";
import { todayOf } from "../hazard/show";
import { resolveUnit } from "../lookups";
import type { Subcommand } from "../types";
import { isGroupRecipient } from "./card-view";

export const STATUS_USAGE = "/提醒 状态 [本月/本季] [单位=…]";

function groupRows(
  items: ReminderItemRow[],
  unitName: (id: number | null) => string,
  personName: (openId: string) => string,
): ReminderStatusRow[] {
  const rows = new Map<string, ReminderStatusRow & { people: Set<string> }>();
  for (const item of items) {
    const unit = unitName(item.unitId);
    const enterprise = item.enterpriseName ?? "";
    const k = `${unit}\u0000${enterprise}`;
    let row = rows.get(k);
    if (!row) {
      row = { unit, enterprise, total: 0, acked: 0, pending: [], people: new Set() };
      rows.set(k, row);
    }
    row.total++;
    if (item.ackedAt !== null) row.acked++;
    else row.people.add(item.recipient);
  }
  return [...rows.values()]
    .map(({ people, ...row }) => ({ ...row, pending: [...people].map(personName) }))
    .sort((a, b) => a.unit.localeCompare(b.unit, "zh") || a.enterprise.localeCompare(b.enterprise, "zh"));
}

export const statusSub: Subcommand = {
  name: "状态",
  action: "reminder.status",
  summary: "提醒的确认情况：按单位、企业列出已知悉和未确认的，标出无法私信的人",
  usage: STATUS_USAGE,
  example: "/提醒 状态 本季 单位=应急办",
  async run(ctx) {
    const { deps, actor } = ctx;
    for (const key of Object.keys(ctx.named))
      if (key !== "单位") throw new BotError("bad_input", `不认识参数「${key}」。可写：单位=…`);
    if (ctx.args.length > 1) throw new BotError("bad_input", `多写了「${ctx.args[1]}」：时段只写一个。`);
    const today = todayOf(deps);
    const parsed = parsePeriod(ctx.args[0] ?? "本月", today);
    if (!parsed.ok) throw new BotError("bad_input", parsed.error);
    const { period } = parsed;
    const [to] = [period.end, today].sort() as [string, string];
    let items = await itemsSentBetween(deps.db, period.start, to);
    let scope = "全镇";
    if (ctx.named.单位 !== undefined) {
      const unit = await resolveUnit(deps, ctx.named.单位);
      if (!seesAll(actor.role) && actor.unitId !== unit.id)
        throw new BotError("forbidden", `你只能查看本单位的提醒情况，不能查看「${unit.name}」。`);
      items = items.filter((i) => i.unitId === unit.id);
      scope = unit.name;
    }
    if (actor.role === "干部") {
      items = items.filter((i) => i.unitId === actor.unitId);
      scope = (await listUnits(deps.db)).find((u) => u.id === actor.unitId)?.name ?? "本单位";
    } else if (actor.role === "企业负责人") {
      const enterprise =
        actor.enterpriseId === null ? undefined : await getEnterprise(deps.db, actor.enterpriseId);
      const ids = enterprise ? await hazardIdsOfEnterprise(deps.db, enterprise.id) : new Set<number>();
      items = items.filter((i) => ids.has(i.subjectId));
      scope = enterprise?.name ?? "本企业";
    }
    const units = new Map((await listUnits(deps.db)).map((u) => [u.id, u.name]));
    const unreachable = await unreachableRecipients(deps.db);
    const names = await memberNames(
      deps.db,
      items.map((i) => i.recipient),
    );
    const nameOf = (openId: string) =>
      isGroupRecipient(openId)
        ? "调度群管理员"
        : `${names.get(openId) ?? openId}${unreachable.has(openId) ? "（无法私信）" : ""}`;
    const people = new Set(items.map((i) => i.recipient));
    await ctx.reply({
      msgType: "interactive",
      card: reminderStatusCard({
        periodLabel: periodLabel(period),
        scopeLabel: scope,
        rows: groupRows(items, (id) => (id === null ? "—" : (units.get(id) ?? "—")), nameOf),
        unreachable: [...unreachable].filter((id) => people.has(id)).map((id) => names.get(id) ?? id),
      }),
    });
  },
};
