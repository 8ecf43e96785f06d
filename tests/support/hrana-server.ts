// A stand-in for Turso in tests: Hrana over HTTP (the JSON pipeline, /v2/pipeline), as sqld serves it, backed by a
// LibSQL file, so `@libsql/client/web` (the Worker's driver) talks to it as to a Turso database. Each stream
// is its own connection; a baton keeps it (and its open transaction) between requests.
// Follows github.com/tursodatabase/libsql docs/HRANA_3_SPEC.md ("HTTP", "JSON encoding"); @libsql/client 0.18
// speaks version 2 of it over HTTP (its v3 probe is off), so that is what is served.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "libsql";

type Json = Record<string, unknown>;
type SqlValue = null | bigint | number | string | Uint8Array;
interface Stmt {
  sql?: string;
  sql_id?: number;
  args?: Json[];
  named_args?: { name: string; value: Json }[];
  want_rows?: boolean;
}
interface BatchStep {
  condition?: Cond | null;
  stmt: Stmt;
}
type Cond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: Cond }
  | { type: "and" | "or"; conds: Cond[] }
  | { type: "is_autocommit" };

interface Stream {
  db: InstanceType<typeof Database>;
  sqls: Map<number, string>;
  timer?: NodeJS.Timeout;
}

export interface HranaServer {
  /** http://127.0.0.1:<port>: a DATABASE_URL for the web client */
  url: string;
  /** pipeline and cursor requests served */
  requests: number;
  close(): Promise<void>;
}

function decodeValue(v: Json): SqlValue {
  switch (v.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(String(v.value));
    case "float":
      return Number(v.value);
    case "text":
      return String(v.value);
    case "blob":
      return new Uint8Array(Buffer.from(String(v.base64), "base64"));
    default:
      throw new Error(`unknown value type ${String(v.type)}`);
  }
}

function encodeValue(v: unknown): Json {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  throw new Error(`cannot encode ${typeof v}`);
}

function errorOf(e: unknown): Json {
  const error = e as { message?: string; code?: string };
  return { message: error.message ?? String(e), code: error.code ?? "UNKNOWN" };
}

/** Runs one statement on the stream's connection: its columns, rows and counts as Hrana's StmtResult. */
function execute(stream: Stream, stmt: Stmt) {
  const sql = stmt.sql ?? stream.sqls.get(stmt.sql_id ?? -1);
  if (sql === undefined) throw Object.assign(new Error("statement has no SQL"), { code: "SQL_NOT_FOUND" });
  const prepared = stream.db.prepare(sql);
  prepared.safeIntegers(true);
  const args: unknown[] | Record<string, unknown> =
    stmt.named_args && stmt.named_args.length > 0
      ? Object.fromEntries(stmt.named_args.map((a) => [a.name.replace(/^[:@$]/, ""), decodeValue(a.value)]))
      : (stmt.args ?? []).map(decodeValue);
  const bind = Array.isArray(args) ? args : [args];
  if (prepared.reader) {
    const columns = prepared.columns() as { name: string; type: string | null }[];
    const rows = (prepared.raw(true).all(...bind) as unknown[][]).map((row) => row.map(encodeValue));
    return {
      cols: columns.map((c) => ({ name: c.name, decltype: c.type ?? null })),
      rows: stmt.want_rows === false ? [] : rows,
      affected_row_count: 0,
      last_insert_rowid: null,
    };
  }
  const info = prepared.run(...bind) as { changes: number; lastInsertRowid: number | bigint };
  return {
    cols: [],
    rows: [],
    affected_row_count: Number(info.changes),
    last_insert_rowid: String(info.lastInsertRowid),
  };
}

function holds(cond: Cond | null | undefined, stream: Stream, ok: (boolean | undefined)[]): boolean {
  if (!cond) return true;
  switch (cond.type) {
    case "ok":
      return ok[cond.step] === true;
    case "error":
      return ok[cond.step] === false;
    case "not":
      return !holds(cond.cond, stream, ok);
    case "and":
      return cond.conds.every((c) => holds(c, stream, ok));
    case "or":
      return cond.conds.some((c) => holds(c, stream, ok));
    case "is_autocommit":
      return !stream.db.inTransaction;
  }
}

/** A batch's steps in order, each run only when its condition holds; a failed step does not stop the rest. */
function batch(stream: Stream, steps: BatchStep[]): Json {
  const ok: (boolean | undefined)[] = [];
  const results: (Json | null)[] = [];
  const errors: (Json | null)[] = [];
  for (const [i, step] of steps.entries()) {
    results[i] = null;
    errors[i] = null;
    if (!holds(step.condition, stream, ok)) continue;
    try {
      results[i] = execute(stream, step.stmt);
      ok[i] = true;
    } catch (error) {
      errors[i] = errorOf(error);
      ok[i] = false;
    }
  }
  return { step_results: results, step_errors: errors };
}

function handleRequest(stream: Stream, request: Json): Json {
  switch (request.type) {
    case "execute":
      return { type: "execute", result: execute(stream, request.stmt as Stmt) };
    case "batch":
      return { type: "batch", result: batch(stream, (request.batch as { steps: BatchStep[] }).steps) };
    case "sequence":
      stream.db.exec(String(request.sql ?? stream.sqls.get(Number(request.sql_id))));
      return { type: "sequence" };
    case "store_sql":
      stream.sqls.set(Number(request.sql_id), String(request.sql));
      return { type: "store_sql" };
    case "close_sql":
      stream.sqls.delete(Number(request.sql_id));
      return { type: "close_sql" };
    case "get_autocommit":
      return { type: "get_autocommit", is_autocommit: !stream.db.inTransaction };
    case "close":
      return { type: "close" };
    default:
      throw Object.assign(new Error(`unsupported request ${String(request.type)}`), { code: "UNSUPPORTED" });
  }
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json;
}

export async function startHranaServer(path: string, authToken?: string): Promise<HranaServer> {
  const streams = new Map<string, Stream>();
  const open = (): Stream => {
    const db = new Database(path);
    db.pragma("busy_timeout = 5000");
    return { db, sqls: new Map() };
  };
  const closeStream = (stream: Stream) => {
    clearTimeout(stream.timer);
    stream.db.close();
  };
  /** The stream a baton names (taken out of the table until the request ends), or a new one. */
  const take = (baton: unknown): Stream | null => {
    if (baton === null || baton === undefined) return open();
    const stream = streams.get(String(baton));
    if (!stream) return null;
    streams.delete(String(baton));
    clearTimeout(stream.timer);
    return stream;
  };
  /** Keeps the stream for a later request (an idle one is closed after 10 s, as sqld does), or closes it. */
  const keep = (stream: Stream, closed: boolean): string | null => {
    if (closed) {
      closeStream(stream);
      return null;
    }
    const baton = randomUUID();
    stream.timer = setTimeout(() => {
      streams.delete(baton);
      closeStream(stream);
    }, 10_000);
    streams.set(baton, stream);
    return baton;
  };

  const state = { requests: 0 };
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const route = new URL(req.url ?? "/", "http://x").pathname;
    if (authToken && req.headers.authorization !== `Bearer ${authToken}`) {
      res
        .writeHead(401, { "content-type": "application/json" })
        .end(JSON.stringify({ error: "Unauthorized" }));
      return;
    }
    if (req.method === "GET" && route === "/v2") {
      res.writeHead(200).end();
      return;
    }
    if (req.method !== "POST" || route !== "/v2/pipeline") {
      res.writeHead(404).end();
      return;
    }
    state.requests++;
    const body = await readJson(req);
    const stream = take(body.baton);
    if (!stream) {
      res
        .writeHead(400, { "content-type": "application/json" })
        .end(JSON.stringify({ error: "Invalid baton" }));
      return;
    }
    let closed = false;
    const results = (body.requests as Json[]).map((request) => {
      if (request.type === "close") closed = true;
      try {
        return { type: "ok", response: handleRequest(stream, request) };
      } catch (error) {
        return { type: "error", error: errorOf(error) };
      }
    });
    const baton = keep(stream, closed);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ baton, base_url: null, results }));
  };

  const server: Server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    async close() {
      for (const stream of streams.values()) closeStream(stream);
      streams.clear();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
