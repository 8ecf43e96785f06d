// What an import changes: each roster row is new (insert), the same as the registered enterprise of that
// name (unchanged), or different from it (update). Names match folded, so re-importing a file changes nothing.
import { sameEnterpriseFields } from "../domain/enterprise-fields";
import { foldName } from "../domain/names";
import type { EnterpriseFields, EnterpriseRow } from "../store/enterprises";
import type { RosterRecord } from "./enterprise-roster";

export interface ImportPlan {
  inserts: EnterpriseFields[];
  updates: { before: EnterpriseRow; after: EnterpriseFields }[];
  unchanged: EnterpriseRow[];
}

export function planEnterpriseImport(records: RosterRecord[], existing: EnterpriseRow[]): ImportPlan {
  const byName = new Map(existing.map((e) => [foldName(e.name), e]));
  const plan: ImportPlan = { inserts: [], updates: [], unchanged: [] };
  for (const { fields } of records) {
    const before = byName.get(foldName(fields.name));
    if (!before) plan.inserts.push(fields);
    else if (sameEnterpriseFields(before, fields)) plan.unchanged.push(before);
    // The registered name stays: it is what hazards and cards already show.
    else plan.updates.push({ before, after: { ...fields, name: before.name } });
  }
  return plan;
}
