// The 附件3 rows for a request: 重大 and 一般 apart, in the form's order (by unit, then 发现日期), each as it stood
// at the month's end when a month is asked for, else as it stands today.
import type { Deps } from "../../src/bot/deps";
import { type Form3Row, form3Row } from "../../src/domain/form3";
import { ledgerHazards } from "../../src/store/ledger-form";
import { displayName } from "../people";
import { asOfDay, type LedgerRequest, storeScope } from "./scope";

export interface LedgerRows {
  major: Form3Row[];
  minor: Form3Row[];
}

export async function ledgerRows(deps: Deps, r: LedgerRequest): Promise<LedgerRows> {
  const timeZone = deps.config.timezone;
  const asOf = r.month ? asOfDay(r.month.end, timeZone) : null;
  const hazards = await ledgerHazards(deps.db, storeScope(r));
  // A checker not bound as a member (an admin from ADMIN_OPEN_IDS) is named by Feishu, never by an open_id.
  const unnamed = new Set(
    hazards.flatMap((h) =>
      h.events.filter((e) => e.kind === "closed" && e.actorName === null).map((e) => e.actor),
    ),
  );
  const names = new Map<string, string>();
  for (const openId of unnamed) names.set(openId, await displayName(deps, openId));
  for (const h of hazards)
    for (const e of h.events)
      if (e.actorName === null && names.has(e.actor)) e.actorName = names.get(e.actor)!;
  const rows = hazards.map((h) => ({ level: h.level, row: form3Row(h, asOf, r.today, timeZone) }));
  return {
    major: rows.filter((x) => x.level === "重大").map((x) => x.row),
    minor: rows.filter((x) => x.level === "一般").map((x) => x.row),
  };
}
