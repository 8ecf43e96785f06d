// The 附件3 rows of a scope: 重大 and 一般 apart, in the form's order (by unit, then 发现日期), each as it stood on
// a day (a month's end) or as it stands now; a checker not bound as a member is named by Feishu, never by an
// open_id. Shared by `/台账` and the roll-call's workbook.
import type { Deps } from "../bot/deps";
import { type AsOf, type Form3Row, form3Row } from "../domain/form3";
import { type LedgerScope, ledgerHazards } from "../store/ledger-form";

export interface LedgerRows {
  major: Form3Row[];
  minor: Form3Row[];
}

export async function form3Rows(
  deps: Pick<Deps, "db" | "config" | "openApi">,
  scope: LedgerScope,
  asOf: AsOf | null,
  today: string,
): Promise<LedgerRows> {
  const timeZone = deps.config.timezone;
  const hazards = await ledgerHazards(deps.db, scope);
  const unnamed = new Set(
    hazards.flatMap((h) =>
      h.events.filter((e) => e.kind === "closed" && e.actorName === null).map((e) => e.actor),
    ),
  );
  const names = new Map<string, string>();
  for (const openId of unnamed) names.set(openId, (await deps.openApi.userName(openId)) ?? openId);
  for (const h of hazards)
    for (const e of h.events)
      if (e.actorName === null && names.has(e.actor)) e.actorName = names.get(e.actor)!;
  const rows = hazards.map((h) => ({ level: h.level, row: form3Row(h, asOf, today, timeZone) }));
  return {
    major: rows.filter((x) => x.level === "重大").map((x) => x.row),
    minor: rows.filter((x) => x.level === "一般").map((x) => x.row),
  };
}
