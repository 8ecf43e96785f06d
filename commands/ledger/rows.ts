// The 附件3 rows for a `/台账` request: as at the month's end when a month is asked for, else as they stand today.
import type { Deps } from "../../src/bot/deps";
import { form3Rows, type LedgerRows } from "../../src/reports/form3";
import { asOfDay, type LedgerRequest, storeScope } from "./scope";

export type { LedgerRows } from "../../src/reports/form3";

export function ledgerRows(deps: Deps, r: LedgerRequest): Promise<LedgerRows> {
  const asOf = r.month ? asOfDay(r.month.end, deps.config.timezone) : null;
  return form3Rows(deps, storeScope(r), asOf, r.today);
}
