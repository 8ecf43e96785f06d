// One statement at a time on one connection, and a transaction holds that connection until it ends.
//
// Why: @libsql/client's native driver keeps a pool, and opens a new connection whenever two calls overlap (they
// do under load: a claim, a remembered key and an event's work in one turn). A new connection has SQLite's
// defaults, not the pragmas set at open: synchronous=FULL fsyncs every commit, and a checkpoint copies and
// fsyncs the database, both on the event loop (the soak saw it held for 200–700 ms). Two of our own connections
// also contend for the write lock through SQLite's busy handler, which sleeps on the event loop while the
// holder, on the same loop, cannot finish. Serial on one connection, every statement has the pragmas and waits
// its turn without blocking the loop. All SQLite work runs on the event loop anyway, so nothing is lost.
import type { Client, InArgs, InStatement, ResultSet, Transaction, TransactionMode } from "@libsql/client";

/** A first-come-first-served lock: `acquire` resolves when the holder before has released. */
class Turn {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/**
 * Wraps a client so its calls run one after another. A transaction takes the turn when it begins and gives it
 * back when it is committed, rolled back or closed: code inside a transaction must use the transaction, never
 * the client (that call would wait for the transaction's end). The caller opens the client with concurrency 1.
 */
export function serialClient(base: Client): Client {
  const turn = new Turn();
  const inTurn = async <T>(work: () => Promise<T>): Promise<T> => {
    await turn.acquire();
    try {
      return await work();
    } finally {
      turn.release();
    }
  };

  const transaction = async (mode?: TransactionMode): Promise<Transaction> => {
    await turn.acquire();
    let tx: Transaction;
    try {
      tx = await base.transaction(mode);
    } catch (error) {
      turn.release();
      throw error;
    }
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      turn.release();
    };
    return {
      execute: (stmt: InStatement) => tx.execute(stmt),
      batch: (stmts: InStatement[]) => tx.batch(stmts),
      executeMultiple: (sql: string) => tx.executeMultiple(sql),
      async commit() {
        try {
          await tx.commit();
        } finally {
          // A commit that failed leaves the transaction open for its rollback: the turn stays with it.
          if (tx.closed) end();
        }
      },
      async rollback() {
        try {
          await tx.rollback();
        } finally {
          end();
        }
      },
      close() {
        tx.close();
        end();
      },
      get closed() {
        return tx.closed;
      },
    };
  };

  function execute(stmt: InStatement): Promise<ResultSet>;
  function execute(sql: string, args?: InArgs): Promise<ResultSet>;
  function execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const stmt = typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return inTurn(() => base.execute(stmt));
  }

  return {
    execute,
    batch: (stmts, mode) => inTurn(() => base.batch(stmts, mode)),
    migrate: (stmts) => inTurn(() => base.migrate(stmts)),
    transaction,
    executeMultiple: (sql) => inTurn(() => base.executeMultiple(sql)),
    sync: () => inTurn(() => base.sync()),
    close: () => base.close(),
    reconnect: () => base.reconnect(),
    get closed() {
      return base.closed;
    },
    get protocol() {
      return base.protocol;
    },
  };
}
