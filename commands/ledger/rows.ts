// The 附件3 rows for a `/台账` request: as at the month's end when a month is asked for, else as they stand today;
// the whole ledger for the workbook, one page of it for the card (the rest only counted).
import type { Deps } from "../../src/bot/deps";
import type { AsOf, Form3Row } from "../../src/domain/form3";
import type { HazardStatus } from "../../src/domain/hazard-lifecycle";
import { form3Rows, type LedgerRows } from "../../src/reports/form3";
import { ledgerCounts, ledgerPageIds } from "../../src/store/ledger-form";
import { asOfDay, type LedgerRequest, storeScope } from "./scope";

export type { LedgerRows } from "../../src/reports/form3";

function asOfOf(deps: Deps, r: LedgerRequest): AsOf | null {
  return r.month ? asOfDay(r.month.end, deps.config.timezone) : null;
}

export function ledgerRows(deps: Deps, r: LedgerRequest): Promise<LedgerRows> {
  return form3Rows(deps, storeScope(r), asOfOf(deps, r), r.today);
}

export interface LedgerPage {
  /** the 重大 hazards by status on the day */
  counts: Map<HazardStatus, number>;
  majorCount: number;
  minorCount: number;
  /** 0-based pages of `size` */
  pages: number;
  /** this page's 重大 rows, the most recently found first; empty past the last page */
  rows: Form3Row[];
}

/**
 * One page of the ledger's 重大 hazards, newest found first: the counts and the page's place come from the
 * database, and only the page's rows are built in full (a press on the whole town's card stays quick).
 */
export async function ledgerPage(deps: Deps, r: LedgerRequest, size: number): Promise<LedgerPage> {
  const asOf = asOfOf(deps, r);
  const scope = storeScope(r);
  const counted = await ledgerCounts(deps.db, scope, asOf?.endMs ?? null);
  const majorCount = [...counted.major.values()].reduce((a, b) => a + b, 0);
  const pages = Math.max(1, Math.ceil(majorCount / size));
  const base = { counts: counted.major, majorCount, minorCount: counted.minor, pages };
  if (r.page >= pages) return { ...base, rows: [] };
  const shown = await ledgerPageIds(deps.db, scope, { offset: r.page * size, limit: size });
  const ids = shown.map((h) => h.id);
  const built = ids.length === 0 ? [] : (await form3Rows(deps, { ...scope, ids }, asOf, r.today)).major;
  // built in the form's order: put back in the page's
  const byNumber = new Map(built.map((row) => [row.number, row]));
  const rows = shown.map((h) => byNumber.get(h.number)).filter((row): row is Form3Row => row !== undefined);
  return { ...base, rows };
}
