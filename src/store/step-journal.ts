// Makes an event's run resumable: a database client that writes, in the same batch as each write, a step row
// keyed by the delivery (what was read before it, the write's SQL and its outcome), and that on a resumed run
// answers the reads and writes already done from those rows, so the run takes the same road and writes
// nothing twice. Sits under drizzle, so commands and stores need not know.
import type {
  Client,
  InArgs,
  InStatement,
  ResultSet,
  Row,
  Transaction,
  TransactionMode,
} from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import type { Db } from "../../db/client";

interface StoredResult {
  columns: string[];
  columnTypes: string[];
  rows: unknown[][];
  rowsAffected: number;
  lastInsertRowid: number | null;
}

interface Entry {
  sql: string;
  /** null: the write is known done but what it returned was lost (a kill between its batch and the next) */
  result: StoredResult | null;
}

/** One stored step, as read back for a resumed run. */
export interface StepRow {
  seq: number;
  reads: string;
  statement: string;
  changes: number;
  lastRowid: number | null;
  returned: string | null;
}

const STEP_INSERT =
  "INSERT INTO delivery_steps (delivery, seq, reads, statement, changes, last_rowid) VALUES (?, ?, ?, ?, changes(), last_insert_rowid())";
const STEP_RETURNED = "UPDATE delivery_steps SET returned = ? WHERE delivery = ? AND seq = ?";

function sqlOf(stmt: InStatement | [string, InArgs?]): string {
  if (typeof stmt === "string") return stmt;
  if (Array.isArray(stmt)) return stmt[0];
  return stmt.sql;
}

/** Reads change nothing and need no step; anything else is a write. */
function isRead(sql: string): boolean {
  return /^\s*select\b/i.test(sql);
}

function storeValue(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return { $b64: Buffer.from(value).toString("base64") };
  if (typeof value === "bigint") return Number(value);
  return value;
}

function loadValue(value: unknown): unknown {
  if (value !== null && typeof value === "object" && "$b64" in value) {
    const bytes = Buffer.from(String((value as { $b64: string }).$b64), "base64");
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
  return value;
}

function store(result: ResultSet): StoredResult {
  return {
    columns: result.columns,
    columnTypes: result.columnTypes,
    rows: result.rows.map((row) => Array.prototype.slice.call(row).map(storeValue)),
    rowsAffected: result.rowsAffected,
    lastInsertRowid: result.lastInsertRowid === undefined ? null : Number(result.lastInsertRowid),
  };
}

/** A result as @libsql/client builds it: values by index (hidden) and by column name (enumerable). */
function revive(stored: StoredResult): ResultSet {
  const rows = stored.rows.map((values) => {
    const row: Record<string | number, unknown> = {};
    Object.defineProperty(row, "length", { value: values.length });
    values.forEach((raw, i) => {
      const value = loadValue(raw);
      Object.defineProperty(row, i, { value });
      const column = stored.columns[i];
      if (column !== undefined && !Object.hasOwn(row, column))
        Object.defineProperty(row, column, { value, enumerable: true, configurable: true });
    });
    return row as unknown as Row;
  });
  const lastInsertRowid = stored.lastInsertRowid === null ? undefined : BigInt(stored.lastInsertRowid);
  return {
    columns: stored.columns,
    columnTypes: stored.columnTypes,
    rows,
    rowsAffected: stored.rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ ...stored, rows: stored.rows }),
  };
}

/** The entries a resumed run replays, in the order the first run met them. */
function replayQueue(steps: StepRow[]): Entry[] {
  const queue: Entry[] = [];
  for (const step of [...steps].sort((a, b) => a.seq - b.seq)) {
    for (const read of JSON.parse(step.reads) as { sql: string; result: StoredResult }[]) queue.push(read);
    const returned = step.returned === null ? null : (JSON.parse(step.returned) as StoredResult);
    // A write that returns no rows is known whole from its step; one with RETURNING needs its stored rows.
    const plain: StoredResult = {
      columns: [],
      columnTypes: [],
      rows: [],
      rowsAffected: step.changes,
      lastInsertRowid: step.lastRowid,
    };
    const result = returned ?? (/\breturning\b/i.test(step.statement) ? null : plain);
    queue.push({ sql: step.statement, result });
  }
  return queue;
}

/** Another run of the same delivery wrote this step first: this run must stop, without answering. */
export class StepConflict extends Error {
  constructor(readonly delivery: string) {
    super(`another run of ${delivery} is ahead of this one`);
  }
}

/** True for a StepConflict, also as the cause of the error drizzle wraps it in. */
export function isStepConflict(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = (e as { cause?: unknown }).cause)
    if (e instanceof StepConflict) return true;
  return false;
}

function isStepInsertRefused(error: unknown): boolean {
  const text =
    error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : "";
  return /delivery_steps/.test(text);
}

export interface JournalNotes {
  /** the resumed run asked for something the first run did not: it goes on live from there */
  diverged(at: string): void;
}

/** The journal of one delivery's run over a client; `client` is what drizzle gets. */
class StepJournal {
  private readonly queue: Entry[];
  private reads: Entry[] = [];
  private seq: number;

  constructor(
    private readonly base: Client,
    private readonly delivery: string,
    steps: StepRow[],
    private readonly notes: JournalNotes,
  ) {
    this.queue = replayQueue(steps);
    this.seq = steps.reduce((max, s) => Math.max(max, s.seq + 1), 0);
  }

  private get replaying(): boolean {
    return this.queue.length > 0;
  }

  /** The next replayed result for `sql`, or undefined once the run has left the recorded road. */
  private replay(sql: string): ResultSet | undefined {
    const next = this.queue[0];
    if (!next || next.sql !== sql || next.result === null) {
      this.notes.diverged(next ? next.sql.slice(0, 60) : "end");
      this.queue.length = 0;
      return undefined;
    }
    this.queue.shift();
    return revive(next.result);
  }

  async execute(given: InStatement, args?: InArgs): Promise<ResultSet> {
    const stmt = typeof given === "string" && args !== undefined ? { sql: given, args } : given;
    const sql = sqlOf(stmt);
    if (this.replaying) {
      const replayed = this.replay(sql);
      if (replayed) return replayed;
    }
    if (isRead(sql)) {
      const result = await this.base.execute(stmt);
      this.reads.push({ sql, result: store(result) });
      return result;
    }
    const [result] = await this.batch([stmt]);
    return result!;
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    const sqls = stmts.map(sqlOf);
    if (this.replaying) {
      const replayed: ResultSet[] = [];
      for (const sql of sqls) {
        const one = this.replay(sql);
        if (!one) break;
        replayed.push(one);
      }
      if (replayed.length === sqls.length) return replayed;
      // Part of a batch replayed and part not cannot happen with steps written in the batch; run it whole.
    }
    if (sqls.every(isRead)) {
      const results = await this.base.batch(stmts, mode);
      results.forEach((result, i) => {
        this.reads.push({ sql: sqls[i]!, result: store(result) });
      });
      return results;
    }
    const first = this.seq;
    const withSteps: InStatement[] = [];
    stmts.forEach((stmt, i) => {
      withSteps.push(Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt);
      const reads = i === 0 ? JSON.stringify(this.reads) : "[]";
      withSteps.push({ sql: STEP_INSERT, args: [this.delivery, first + i, reads, sqls[i]!] });
    });
    let all: ResultSet[];
    try {
      all = await this.base.batch(withSteps, mode ?? "write");
    } catch (error) {
      if (isStepInsertRefused(error)) throw new StepConflict(this.delivery);
      throw error;
    }
    this.seq += stmts.length;
    this.reads = [];
    const results = all.filter((_, i) => i % 2 === 0);
    // What a statement returned (RETURNING, or a select inside the batch) goes in right after.
    const returned = results.flatMap((result, i) =>
      result.columns.length > 0
        ? [{ sql: STEP_RETURNED, args: [JSON.stringify(store(result)), this.delivery, first + i] }]
        : [],
    );
    if (returned.length > 0) await this.base.batch(returned, "write");
    return results;
  }

  async transaction(mode?: TransactionMode): Promise<Transaction> {
    if (this.replaying) return this.replayedTransaction();
    const tx = await this.base.transaction(mode);
    const seen: { sql: string; result: ResultSet }[] = [];
    const run = async (stmt: InStatement) => {
      const result = await tx.execute(stmt);
      seen.push({ sql: sqlOf(stmt), result });
      return result;
    };
    const commit = async () => {
      // Inside the transaction every outcome is known: each write's step goes in whole before the commit.
      for (const { sql, result } of seen) {
        if (isRead(sql)) {
          this.reads.push({ sql, result: store(result) });
          continue;
        }
        await this.stepInTransaction(tx, {
          sql: "INSERT INTO delivery_steps (delivery, seq, reads, statement, changes, last_rowid, returned) VALUES (?, ?, ?, ?, ?, ?, ?)",
          args: [
            this.delivery,
            this.seq,
            JSON.stringify(this.reads),
            sql,
            result.rowsAffected,
            result.lastInsertRowid === undefined ? null : Number(result.lastInsertRowid),
            result.columns.length > 0 ? JSON.stringify(store(result)) : null,
          ],
        });
        this.seq++;
        this.reads = [];
      }
      await tx.commit();
    };
    return this.wrapTransaction(tx, run, commit);
  }

  private async stepInTransaction(tx: Transaction, stmt: InStatement): Promise<void> {
    try {
      await tx.execute(stmt);
    } catch (error) {
      if (isStepInsertRefused(error)) throw new StepConflict(this.delivery);
      throw error;
    }
  }

  private replayedTransaction(): Transaction {
    const run = async (stmt: InStatement) => this.execute(stmt);
    return this.wrapTransaction(null, run, async () => {});
  }

  private wrapTransaction(
    tx: Transaction | null,
    run: (stmt: InStatement) => Promise<ResultSet>,
    commit: () => Promise<void>,
  ): Transaction {
    return {
      execute: run,
      async batch(stmts: InStatement[]) {
        const results: ResultSet[] = [];
        for (const stmt of stmts) results.push(await run(stmt));
        return results;
      },
      async executeMultiple(sql: string) {
        if (!tx) throw new Error("executeMultiple is not journaled");
        await tx.executeMultiple(sql);
      },
      async rollback() {
        await tx?.rollback();
      },
      commit,
      close() {
        tx?.close();
      },
      get closed() {
        return tx?.closed ?? true;
      },
    };
  }

  get client(): Client {
    const base = this.base;
    return new Proxy(base, {
      get: (target, prop) => {
        if (prop === "execute") return (stmt: InStatement, args?: InArgs) => this.execute(stmt, args);
        if (prop === "batch")
          return (stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode) =>
            this.batch(stmts, mode);
        if (prop === "transaction") return (mode?: TransactionMode) => this.transaction(mode);
        const value: unknown = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }
}

/** A drizzle database over `db`'s client whose every write carries a step of `delivery`'s run. */
export function journaledDb(db: Db, delivery: string, steps: StepRow[], notes: JournalNotes): Db {
  const journal = new StepJournal(db.$client, delivery, steps, notes);
  return drizzle(journal.client);
}
