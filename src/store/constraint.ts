// Recognises the database's refusal of a duplicate key, so a concurrent duplicate (two people registering
// the same name at once) becomes a clear "already exists" answer instead of an internal error.

/** True when a database error says a row with the same unique key exists. */
export function isUniqueViolation(error: unknown): boolean {
  const text =
    error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause)}` : "";
  return /UNIQUE constraint failed|PRIMARY KEY|SQLITE_CONSTRAINT/i.test(text);
}
