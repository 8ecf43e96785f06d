// `/台账 [单位=…] [领域=…] [月份=…] [页=N]` and its 上一页/下一页 buttons: the 附件3 ledger as a card, the most
// recently found first, 10 a page; a button carries the request and the page, and is checked like the line.
import { LEDGER_PAGE, ledgerCard } from "../../cards/ledger";
import type { Card } from "../../cards/types";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { dateIn } from "../../src/domain/time";
import { getUnit, listSectors } from "../../src/store/units";
import type { CardAction, Subcommand } from "../types";
import { ledgerRows } from "./rows";
import {
  type LedgerRequest,
  monthLabel,
  readLedgerRequest,
  readMonth,
  requestWords,
  withinScope,
} from "./scope";

export const LEDGER_USAGE = "/台账 [单位=…] [领域=…] [月份=2023-06] [页=2]";
export const LEDGER_PAGE_ACTION = "ledger.page";

/** The pages a request has, and the card of one of them (null when the page is past the end). */
async function ledgerPages(deps: Deps, r: LedgerRequest): Promise<{ pages: number; card: Card | null }> {
  const rows = await ledgerRows(deps, r);
  // The form's order is by unit; the card shows the newest first.
  const newest = [...rows.major]
    .reverse()
    .sort((a, b) => (a.foundOn < b.foundOn ? 1 : a.foundOn > b.foundOn ? -1 : 0));
  const pages = Math.max(1, Math.ceil(newest.length / LEDGER_PAGE));
  if (r.page >= pages) return { pages, card: null };
  const words = requestWords(r);
  const scope = [
    ...words.filter((w) => !w.startsWith("月份=")),
    ...(r.month ? [`${monthLabel(r.month)}底`] : []),
  ];
  const card = ledgerCard({
    scope,
    major: newest,
    minorCount: rows.minor.length,
    page: r.page,
    exportLine: ["/台账 导出", ...words].join(" "),
    pageValue: {
      action: LEDGER_PAGE_ACTION,
      ...(r.unit ? { unitId: r.unit.id } : {}),
      ...(r.sector ? { sectorId: r.sector.id } : {}),
      ...(r.month ? { month: r.month.key } : {}),
    },
  });
  return { pages, card };
}

const pastEnd = (pages: number, page: number) =>
  `只有 ${pages} 页，没有第 ${page + 1} 页${pages > 1 ? `：写 页=1 到 页=${pages}` : ""}`;

export const viewSub: Subcommand = {
  name: "",
  action: "ledger.view",
  summary:
    "附件3 台账卡片：各状态条数和最近发现的重大隐患，10 条一页（上一页/下一页按钮，或 页=N）；月份= 看那个月底的样子",
  usage: LEDGER_USAGE,
  example: "/台账 单位=应急办",
  keys: ["单位", "领域", "月份", "页"],
  async run(ctx) {
    if (ctx.args.length > 0)
      throw new BotError("unreadable", `「${ctx.args[0]}」要写成 名称=值，例如 单位=应急办`, [LEDGER_USAGE]);
    const r = await readLedgerRequest(ctx.deps, ctx.actor, ctx.named, LEDGER_USAGE);
    const { pages, card } = await ledgerPages(ctx.deps, r);
    if (card === null) throw new BotError("bad_input", pastEnd(pages, r.page), [LEDGER_USAGE]);
    await ctx.reply({ msgType: "interactive", card });
  },
};

const id = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined);

/**
 * 上一页/下一页: the request the card carries, read again as the line would be (the presser's own scope, a
 * month not yet begun refused), answered in the callback with that page. A page gone past the end since the
 * card was sent (hazards withdrawn) says so and shows the last page.
 */
export const pageAction: CardAction = {
  name: LEDGER_PAGE_ACTION,
  permission: "ledger.view",
  async run({ deps, actor, value }) {
    const unitId = id(value.unitId);
    const sectorId = id(value.sectorId);
    const unit = unitId === undefined ? null : ((await getUnit(deps.db, unitId)) ?? null);
    const sector =
      sectorId === undefined ? null : ((await listSectors(deps.db)).find((s) => s.id === sectorId) ?? null);
    const monthKey = typeof value.month === "string" ? value.month : undefined;
    const page = typeof value.page === "number" && Number.isInteger(value.page) ? value.page : -1;
    if ((unitId !== undefined && !unit) || (sectorId !== undefined && !sector) || page < 0)
      throw new BotError("bad_input", "这张卡片的翻页信息不完整，请重新发送 /台账。");
    const today = dateIn(deps.now(), deps.config.timezone);
    const month = monthKey === undefined ? null : readMonth(monthKey, today, LEDGER_USAGE);
    const r = await withinScope(deps, actor, { unit, sector, month, page, today });
    const shown = await ledgerPages(deps, r);
    if (shown.card !== null) return { card: shown.card };
    const last = await ledgerPages(deps, { ...r, page: shown.pages - 1 });
    return {
      toast: { type: "warning", content: `${pastEnd(shown.pages, page)}，已显示最后一页` },
      ...(last.card ? { card: last.card } : {}),
    };
  },
};
