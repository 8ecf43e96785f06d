// One-line structured logs. Callers pass ids and counts, never secrets or whole message bodies.
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

function line(level: string, message: string, fields?: LogFields): string {
  const parts = Object.entries(fields ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "string" && /\s/.test(v) ? JSON.stringify(v) : String(v)}`);
  return [new Date().toISOString(), level, message, ...parts].join(" ");
}

export function consoleLogger(): Logger {
  return {
    info: (m, f) => console.log(line("info", m, f)),
    warn: (m, f) => console.warn(line("warn", m, f)),
    error: (m, f) => console.error(line("error", m, f)),
  };
}

/** A logger that keeps its lines in memory: for the chat CLI's quiet mode and for tests that read the log. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m, f) => lines.push(line("info", m, f)),
    warn: (m, f) => lines.push(line("warn", m, f)),
    error: (m, f) => lines.push(line("error", m, f)),
  };
}
