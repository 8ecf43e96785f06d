// The audit log: every change anyone makes, with who, when, and the state before and after.
import type { auditLog } from "../../db/schema";

export interface AuditEntry {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | number;
  before?: unknown;
  after?: unknown;
  at?: number;
}

export function auditRow(entry: AuditEntry): typeof auditLog.$inferInsert {
  return {
    actor: entry.actor,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: String(entry.subjectId),
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    ...(entry.at !== undefined ? { at: entry.at } : {}),
  };
}
