// A local Feishu Open API for tests: the real lark.Client talks to it, and it refuses what Feishu refuses.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type CardProblem, validateCard } from "../../src/feishu/card-rules/validate";

export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, { filename: string; size: number; bytes: Buffer }>;
}

/** A file the bot uploaded (im/v1/files), with its bytes: a test opens the workbook the bot sent. */
export interface UploadedFile {
  fileKey: string;
  fileName: string;
  fileType: string;
  bytes: Buffer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, a MultipartBody, the raw text of anything else, or undefined when empty. */
  body: unknown;
}

export interface DeliveredMessage {
  kind: "create" | "reply" | "patch";
  message_id: string;
  receive_id?: string;
  receive_id_type?: string;
  reply_to?: string;
  reply_in_thread?: boolean;
  msg_type: string;
  content: unknown;
  uuid?: string;
}

export interface Refusal {
  path: string;
  code: number;
  problems: unknown;
}

export interface Failure {
  status?: number;
  code?: number;
  msg?: string;
  /** Which request paths (without the query) this applies to; by default all but /open-apis/auth/…. */
  match?: RegExp;
}

export interface FakeOpenApiOptions {
  /** When set, the token endpoints answer 10003 for any other app_id. */
  appId?: string;
  /** When set, the token endpoints answer 10014 for any other app_secret; otherwise any non-empty one. */
  appSecret?: string;
  /** Every answer comes this many ms late (a slow Open API, for the soak). */
  latencyMs?: number;
  /** The scopes the app was granted; a call needing none of them answers 99991672. Default: every scope. */
  scopes?: readonly string[];
  /**
   * Feishu's limit of messages a second to one group, shared by every bot (and every instance of one) in it:
   * a send or reply past it answers 429 with 99991400. A reply counts towards its parent's chat when that is
   * known (a message the bot sent, or one given to addMessage). Default: no limit.
   */
  chatLimitPerSecond?: number;
}

export interface FakeOpenApi {
  /** "http://127.0.0.1:<port>": pass it as the client's `domain`. */
  url: string;
  /** Every request, in arrival order (token requests and refused ones included). */
  requests: RecordedRequest[];
  /** Accepted sends, replies and patches, in order; a uuid repeat is not added again. */
  messages: DeliveredMessage[];
  /** Files uploaded and accepted, in order. */
  uploads: UploadedFile[];
  /** Cards and bodies refused with a Feishu code (not auth failures, not injected failures). */
  refused: Refusal[];
  /** The next n matching requests answer `status` (default 500) with `{code (default status), msg}`. */
  failNext(n: number, failure: Failure): void;
  /** The next matching request (default: any but /open-apis/auth/…) is handled at once, answered after ms. */
  holdNext(ms: number, match?: RegExp): void;
  /** Every matching request fails as `failure` says (default 500) until the returned function is called. */
  outage(failure?: Failure): () => void;
  setBotOpenId(id: string): void;
  /** Without the bot capability, bot/v3/info and the im calls answer 230006 "Bot ability is not activated". */
  setBotCapability(on: boolean): void;
  /** The scopes granted from now on (null: every scope), as a new version approved by the admin would. */
  setScopes(scopes: readonly string[] | null): void;
  /** A group that exists; is_in_chat answers whether the bot is a member. Unknown chat_ids answer 232006. */
  addChat(chatId: string, botIsMember?: boolean): void;
  addUser(openId: string, name: string): void;
  /** A person outside the app's availability (可用范围): a private send to them answers 230013. */
  setUnavailable(openId: string): void;
  addResource(messageId: string, fileKey: string, bytes: Buffer): void;
  /** A message a person sent in a chat: a reply to it counts towards that chat's limit. */
  addMessage(messageId: string, chatId: string): void;
  /** Sends and replies answered 99991400 by chatLimitPerSecond so far. */
  readonly throttled: number;
  /** Every token issued so far answers 99991663 from now on. */
  expireTokens(): void;
  /** Resolves with a copy of `messages` once it holds at least count; rejects after timeoutMs (2000). */
  waitForMessages(count: number, timeoutMs?: number): Promise<DeliveredMessage[]>;
  /** Forgets requests, messages, refusals, injections, users, chats, resources, uploads, scope and capability
   * changes; tokens stay valid. */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_BOT_OPEN_ID = "ou_bot000000000000000000000000000";
const TOKEN_TTL_SECONDS = 7200;
const TEXT_MAX_BYTES = 150 * 1024;
const FILE_MAX_BYTES = 30 * 1024 * 1024;
const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
const RECEIVE_ID_TYPES = new Set(["chat_id", "open_id", "user_id", "union_id", "email"]);
const USER_ID_TYPES = new Set(["open_id", "user_id", "union_id"]);
const FILE_TYPES = new Set(["opus", "mp4", "pdf", "doc", "xls", "ppt", "stream"]);
const IMAGE_TYPES = new Set(["message", "avatar"]);
const AUTH_PATH = /^\/open-apis\/auth\//;
const BOT_PATH = /^\/open-apis\/(im|bot)\//;

/**
 * Each call's scopes, any one of which lets the app make it, as the open-platform page of each API lists them
 * ("权限要求 … 开启其中任意一项权限即可调用"). A call listing none needs no scope.
 */
const SEND_SCOPES = ["im:message", "im:message:send_as_bot", "im:message:send"];
const PATCH_SCOPES = ["im:message", "im:message:send_as_bot", "im:message:update"];
const DOWNLOAD_SCOPES = ["im:message", "im:message:readonly", "im:message.history:readonly"];
const UPLOAD_SCOPES = ["im:resource", "im:resource:upload"];
const URGENT_SCOPES = ["im:message.urgent"];
const CHAT_SCOPES = ["im:chat", "im:chat:readonly", "im:chat.members:read", "im:chat.group_info:readonly"];
const CONTACT_SCOPES = [
  "contact:contact.base:readonly",
  "contact:contact:access_as_app",
  "contact:contact:readonly",
  "contact:contact:readonly_as_app",
];
/** A field scope: without it the user lookup answers, but without the name. */
const NAME_FIELD_SCOPE = "contact:user.base:readonly";

type Json = Record<string, unknown>;
type Answer = { status: number; json: unknown } | { status: number; bytes: Buffer };

interface Incoming {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

interface StoredMessage {
  chat_id?: string;
  root_id?: string;
  thread_id?: string;
  msg_type: string;
  content: string;
}

interface FailureRule {
  remaining: number;
  failure: Failure;
}

interface HoldRule {
  ms: number;
  match?: RegExp;
}

interface Waiter {
  count: number;
  resolve: (messages: DeliveredMessage[]) => void;
}

/** Thrown by a handler to answer with a refusal. */
class Refused extends Error {
  constructor(readonly answer: Answer) {
    super("refused");
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function ok(data?: unknown): Answer {
  return {
    status: 200,
    json: data === undefined ? { code: 0, msg: "success" } : { code: 0, msg: "success", data },
  };
}

function error(status: number, code: number, msg: string): Answer {
  return { status, json: { code, msg } };
}

function hex32(n: number): string {
  return n.toString(16).padStart(32, "0");
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function applies(match: RegExp | undefined, path: string): boolean {
  return match === undefined ? !AUTH_PATH.test(path) : match.test(path);
}

// ---- request parsing ----

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function parseBody(raw: Buffer, contentType: string): unknown {
  if (raw.length === 0) return undefined;
  if (/^multipart\/form-data/i.test(contentType))
    return parseMultipart(raw, contentType) ?? raw.toString("utf8");
  const text = raw.toString("utf8");
  if (/json/i.test(contentType)) {
    const parsed = parseJson(text);
    return parsed.ok ? parsed.value : text;
  }
  return text;
}

function splitParts(raw: Buffer, boundary: string): Buffer[] | null {
  const open = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  const first = raw.indexOf(open);
  if (first === -1) return null;
  const parts: Buffer[] = [];
  let cursor = first + open.length;
  while (raw.toString("latin1", cursor, cursor + 2) === "\r\n") {
    const end = raw.indexOf(separator, cursor + 2);
    if (end === -1) return null;
    parts.push(raw.subarray(cursor + 2, end));
    cursor = end + separator.length;
  }
  return raw.toString("latin1", cursor, cursor + 2) === "--" ? parts : null;
}

function addPart(part: Buffer, body: MultipartBody): void {
  const headerEnd = part.indexOf("\r\n\r\n");
  if (headerEnd === -1) return;
  const head = part.toString("utf8", 0, headerEnd);
  const content = part.subarray(headerEnd + 4);
  const name = /(?:^|;)\s*name="([^"]*)"/im.exec(head)?.[1];
  if (name === undefined) return;
  const filename = /filename="([^"]*)"/i.exec(head)?.[1];
  const isFile = filename !== undefined || /^content-type:/im.test(head);
  if (isFile)
    body.files[name] = { filename: filename ?? "", size: content.length, bytes: Buffer.from(content) };
  else body.fields[name] = content.toString("utf8");
}

/** A compact multipart/form-data parser: field values as text, files as name and size. */
export function parseMultipart(raw: Buffer, contentType: string): MultipartBody | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined) return null;
  const parts = splitParts(raw, boundary);
  if (parts === null) return null;
  const body: MultipartBody = { fields: {}, files: {} };
  for (const part of parts) addPart(part, body);
  return body;
}

function isMultipart(body: unknown): body is MultipartBody {
  return isObject(body) && isObject(body.fields) && isObject(body.files);
}

// ---- the fake ----

type Handler = (req: Incoming, params: string[]) => Answer;

interface Route {
  method: string;
  pattern: RegExp;
  auth: boolean;
  /** any one of these scopes allows the call; empty: none needed */
  scopes: readonly string[];
  handle: Handler;
}

class Fake implements FakeOpenApi {
  url = "";
  readonly requests: RecordedRequest[] = [];
  readonly messages: DeliveredMessage[] = [];
  readonly refused: Refusal[] = [];
  readonly uploads: UploadedFile[] = [];
  private failures: FailureRule[] = [];
  private holds: HoldRule[] = [];
  private waiters = new Set<Waiter>();
  private timers = new Set<NodeJS.Timeout>();
  /** token → app_id it was issued to; expireTokens empties it. */
  private tokens = new Map<string, string>();
  private stored = new Map<string, StoredMessage>();
  private sentByUuid = new Map<string, unknown>();
  private users = new Map<string, string>();
  private resources = new Map<string, Buffer>();
  private fileKeys = new Set<string>();
  private imageKeys = new Set<string>();
  private botOpenId = DEFAULT_BOT_OPEN_ID;
  private botCapability = true;
  private granted: Set<string> | null;
  private chats = new Map<string, boolean>();
  private unavailable = new Set<string>();
  /** per chat, when its recent messages were accepted (ms), for chatLimitPerSecond */
  private chatSends = new Map<string, number[]>();
  throttled = 0;
  private serial = 0;
  private server: Server | null = null;
  private readonly routes: Route[];

  constructor(private readonly options: FakeOpenApiOptions) {
    this.granted = options.scopes === undefined ? null : new Set(options.scopes);
    const none: string[] = [];
    this.routes = [
      this.route("POST", /^\/open-apis\/auth\/v3\/tenant_access_token\/internal$/, false, none, (r) =>
        this.token(r, false),
      ),
      this.route("POST", /^\/open-apis\/auth\/v3\/app_access_token\/internal$/, false, none, (r) =>
        this.token(r, true),
      ),
      this.route("POST", /^\/open-apis\/im\/v1\/messages$/, true, SEND_SCOPES, (r) => this.create(r)),
      this.route("POST", /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/, true, SEND_SCOPES, (r, p) =>
        this.reply(r, p),
      ),
      this.route("PATCH", /^\/open-apis\/im\/v1\/messages\/([^/]+)$/, true, PATCH_SCOPES, (r, p) =>
        this.patch(r, p),
      ),
      this.route(
        "PATCH",
        /^\/open-apis\/im\/v1\/messages\/([^/]+)\/urgent_app$/,
        true,
        URGENT_SCOPES,
        (r, p) => this.urgent(r, p),
      ),
      this.route(
        "GET",
        /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/,
        true,
        DOWNLOAD_SCOPES,
        (r, p) => this.resource(r, p),
      ),
      this.route("POST", /^\/open-apis\/im\/v1\/files$/, true, UPLOAD_SCOPES, (r) => this.uploadFile(r)),
      this.route("POST", /^\/open-apis\/im\/v1\/images$/, true, UPLOAD_SCOPES, (r) => this.uploadImage(r)),
      this.route(
        "GET",
        /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members\/is_in_chat$/,
        true,
        CHAT_SCOPES,
        (r, p) => this.isInChat(r, p),
      ),
      this.route("GET", /^\/open-apis\/bot\/v3\/info$/, true, none, () => this.botInfo()),
      this.route("GET", /^\/open-apis\/contact\/v3\/users\/([^/]+)$/, true, CONTACT_SCOPES, (r, p) =>
        this.user(r, p),
      ),
      this.route("POST", /^\/open-apis\/interactive\/v1\/card\/update$/, true, none, (r) =>
        this.cardUpdate(r),
      ),
    ];
  }

  private route(
    method: string,
    pattern: RegExp,
    auth: boolean,
    scopes: readonly string[],
    handle: Handler,
  ): Route {
    return { method, pattern, auth, scopes, handle };
  }

  private nextId(prefix: string): string {
    this.serial += 1;
    return `${prefix}${hex32(this.serial)}`;
  }

  // ---- controls ----

  outage(failure: Failure = {}): () => void {
    const rule = { remaining: Number.POSITIVE_INFINITY, failure };
    this.failures.push(rule);
    return () => {
      const index = this.failures.indexOf(rule);
      if (index !== -1) this.failures.splice(index, 1);
    };
  }

  failNext(n: number, failure: Failure): void {
    if (n > 0) this.failures.push({ remaining: n, failure });
  }

  holdNext(ms: number, match?: RegExp): void {
    this.holds.push(match === undefined ? { ms } : { ms, match });
  }

  setBotOpenId(id: string): void {
    this.botOpenId = id;
  }

  setBotCapability(on: boolean): void {
    this.botCapability = on;
  }

  setScopes(scopes: readonly string[] | null): void {
    this.granted = scopes === null ? null : new Set(scopes);
  }

  addChat(chatId: string, botIsMember = true): void {
    this.chats.set(chatId, botIsMember);
  }

  addUser(openId: string, name: string): void {
    this.users.set(openId, name);
  }

  setUnavailable(openId: string): void {
    this.unavailable.add(openId);
  }

  addMessage(messageId: string, chatId: string): void {
    this.stored.set(messageId, { chat_id: chatId, msg_type: "text", content: "{}" });
  }

  /** Past the chat's limit: Feishu's answer; else the send is counted. */
  private overLimit(chatId: string | undefined): Answer | null {
    const limit = this.options.chatLimitPerSecond;
    if (limit === undefined || chatId === undefined) return null;
    const now = Date.now();
    const recent = (this.chatSends.get(chatId) ?? []).filter((at) => at > now - 1000);
    if (recent.length >= limit) {
      this.throttled++;
      return error(429, 99991400, "request trigger frequency limit");
    }
    recent.push(now);
    this.chatSends.set(chatId, recent);
    return null;
  }

  addResource(messageId: string, fileKey: string, bytes: Buffer): void {
    this.resources.set(`${messageId}/${fileKey}`, Buffer.from(bytes));
  }

  expireTokens(): void {
    this.tokens.clear();
  }

  waitForMessages(count: number, timeoutMs = 2000): Promise<DeliveredMessage[]> {
    if (this.messages.length >= count) return Promise.resolve([...this.messages]);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        count,
        resolve: (messages) => {
          clearTimeout(timer);
          resolve(messages);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`waited ${timeoutMs} ms for ${count} messages; ${this.messages.length} arrived`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  reset(): void {
    this.chatSends.clear();
    this.throttled = 0;
    this.requests.length = 0;
    this.messages.length = 0;
    this.refused.length = 0;
    this.failures = [];
    this.holds = [];
    for (const map of [this.stored, this.sentByUuid, this.users, this.resources, this.chats]) map.clear();
    this.unavailable.clear();
    this.fileKeys.clear();
    this.uploads.length = 0;
    this.imageKeys.clear();
    this.botOpenId = DEFAULT_BOT_OPEN_ID;
    this.botCapability = true;
    this.granted = this.options.scopes === undefined ? null : new Set(this.options.scopes);
  }

  // ---- dispatch ----

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const incoming = await this.read(req);
    this.requests.push({ ...incoming });
    const hold = this.takeHold(incoming.path);
    const answer = this.takeFailure(incoming.path) ?? this.dispatch(incoming);
    if (hold === 0) {
      write(res, answer);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      write(res, answer);
    }, hold);
    this.timers.add(timer);
  }

  private async read(req: IncomingMessage): Promise<Incoming> {
    const raw = await readRaw(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const headers = flatHeaders(req);
    return {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: parseBody(raw, headers["content-type"] ?? ""),
    };
  }

  private takeHold(path: string): number {
    const index = this.holds.findIndex((hold) => applies(hold.match, path));
    if (index === -1) return this.options.latencyMs ?? 0;
    const [hold] = this.holds.splice(index, 1);
    return hold?.ms ?? 0;
  }

  private takeFailure(path: string): Answer | null {
    const rule = this.failures.find((candidate) => applies(candidate.failure.match, path));
    if (rule === undefined) return null;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.failures.splice(this.failures.indexOf(rule), 1);
    const status = rule.failure.status ?? 500;
    return error(status, rule.failure.code ?? status, rule.failure.msg ?? "injected failure");
  }

  private dispatch(req: Incoming): Answer {
    for (const route of this.routes) {
      const match = route.method === req.method ? route.pattern.exec(req.path) : null;
      if (match === null) continue;
      const denied = (route.auth ? this.checkAuth(req) : null) ?? this.checkScopes(req, route.scopes);
      if (denied !== null) return denied;
      // Every im call and the bot's own info need the bot capability; contact, auth and card updates do not.
      if (BOT_PATH.test(req.path) && !this.botCapability) {
        return error(400, 230006, "Bot ability is not activated.");
      }
      try {
        return route.handle(req, match.slice(1).map(decodeURIComponent));
      } catch (thrown) {
        if (thrown instanceof Refused) return thrown.answer;
        throw thrown;
      }
    }
    return error(404, 404, "404 page not found");
  }

  private checkAuth(req: Incoming): Answer | null {
    const header = req.headers.authorization ?? "";
    if (!header.startsWith("Bearer ")) {
      return error(
        400,
        99991661,
        "Missing access token for authorization. Please make a request with token attached.",
      );
    }
    if (this.tokens.has(header.slice("Bearer ".length))) return null;
    return error(
      400,
      99991663,
      "Invalid access token for authorization. Please make a request with token attached.",
    );
  }

  /**
   * Feishu's gateway refuses a call the app has no scope for before the API sees it: HTTP 400, code 99991672,
   * and `error.permission_violations` naming each scope that would do (open.feishu.cn "如何为应用申请所需权限",
   * trouble-shooting/how-to-fix-the-99991672-error).
   */
  private checkScopes(req: Incoming, scopes: readonly string[]): Answer | null {
    if (this.granted === null || scopes.length === 0) return null;
    const granted = this.granted;
    if (scopes.some((scope) => granted.has(scope))) return null;
    const list = scopes.join(", ");
    const appId = this.senderAppId(req);
    return {
      status: 400,
      json: {
        code: 99991672,
        msg: `Access denied. One of the following scopes is required: [${list}].`,
        error: {
          message:
            "Refer to the documentation to fix the error: https://open.feishu.cn/document/uAjLw4CM/ugTN1YjL4UTN24CO1UjN/trouble-shooting/how-to-fix-the-99991672-error",
          log_id: this.nextId("log_"),
          permission_violations: scopes.map((subject) => ({ type: "action_scope_required", subject })),
          helps: [
            {
              url: `https://open.feishu.cn/app/${appId}/auth?q=${scopes.join(",")}&op_from=openapi&token_type=tenant`,
              description: `Learn more about scopes and how to add them: [${list}]`,
            },
          ],
        },
      },
    };
  }

  private senderAppId(req: Incoming): string {
    const token = (req.headers.authorization ?? "").slice("Bearer ".length);
    return this.tokens.get(token) ?? "";
  }

  // ---- refusals ----

  private refuse(req: Incoming, code: number, msg: string, problems: unknown): never {
    this.refused.push({ path: req.path, code, problems });
    throw new Refused(error(400, code, msg));
  }

  private fieldError(req: Incoming, field: string, why: string): never {
    this.refuse(req, 99992402, `field validation failed: ${field} ${why}`, [{ field, why }]);
  }

  private jsonBody(req: Incoming): Json {
    if (!isObject(req.body)) this.refuse(req, 9499, "Bad Request: the body is not a JSON object", []);
    return req.body;
  }

  private requireString(req: Incoming, body: Json, field: string): string {
    const value = body[field];
    if (!isNonEmptyString(value)) this.fieldError(req, field, "is required");
    return value;
  }

  private refuseCard(req: Incoming, problems: CardProblem[]): never {
    const oversize = problems.find((problem) => problem.code === 230025);
    if (oversize !== undefined) {
      this.refuse(
        req,
        230025,
        `The length of the message content reaches its limit: ${oversize.message}`,
        problems,
      );
    }
    const first = problems[0];
    const ext =
      first === undefined
        ? ""
        : `ErrCode: ${first.code}; ErrMsg: ${first.message}; ErrorValue: ${first.path}; `;
    this.refuse(req, 230099, `Failed to create card content, ext=${ext}`, problems);
  }

  private checkCard(req: Incoming, card: unknown): void {
    const problems = validateCard(card);
    if (problems.length > 0) this.refuseCard(req, problems);
  }

  /** Checks `content` for its msg_type the way Feishu does and returns it parsed. */
  private checkContent(req: Incoming, msgType: string, content: string): unknown {
    const parsed = parseJson(content);
    if (!parsed.ok) {
      if (msgType === "interactive") {
        this.refuseCard(req, [{ code: 200621, path: "", message: "parse card json err" }]);
      }
      this.refuse(req, 230001, "invalid message content: content is not JSON", []);
    }
    const checker = this.contentCheckers[msgType];
    if (checker === undefined)
      this.refuse(req, 230001, `msg_type ${msgType} is not supported by the fake`, []);
    checker(req, parsed.value, content);
    return parsed.value;
  }

  private readonly contentCheckers: Record<string, (req: Incoming, value: unknown, raw: string) => void> = {
    text: (req, value, raw) => {
      if (!isObject(value) || !isNonEmptyString(value.text)) {
        this.refuse(req, 230001, "invalid message content: text must be a non-empty string", []);
      }
      const bytes = Buffer.byteLength(raw);
      if (bytes > TEXT_MAX_BYTES) {
        this.refuse(req, 230025, `The length of the message content reaches its limit: ${bytes} bytes`, []);
      }
    },
    interactive: (req, value) => this.checkCard(req, value),
    file: (req, value) => this.checkKey(req, value, "file_key", this.fileKeys),
    image: (req, value) => this.checkKey(req, value, "image_key", this.imageKeys),
    post: (req, value) => {
      if (!isObject(value)) this.refuse(req, 230001, "invalid message content: post must be an object", []);
    },
  };

  private checkKey(req: Incoming, value: unknown, field: string, issued: Set<string>): void {
    const key = isObject(value) ? value[field] : undefined;
    if (typeof key !== "string" || !issued.has(key)) {
      this.refuse(
        req,
        230001,
        `invalid message content: ${field} ${String(key)} was not uploaded by this app`,
        [],
      );
    }
  }

  // ---- handlers: auth ----

  private token(req: Incoming, withAppToken: boolean): Answer {
    const body = isObject(req.body) ? req.body : {};
    const { app_id: appId, app_secret: appSecret } = body;
    if (!isNonEmptyString(appId) || !isNonEmptyString(appSecret)) return error(400, 10003, "invalid param");
    if (this.options.appId !== undefined && appId !== this.options.appId) {
      return error(400, 10003, "invalid param: app_id");
    }
    if (this.options.appSecret !== undefined && appSecret !== this.options.appSecret) {
      return error(400, 10014, "app secret invalid");
    }
    const tenantToken = this.nextId("t-");
    this.tokens.set(tenantToken, appId);
    const answer: Json = { code: 0, msg: "ok", tenant_access_token: tenantToken, expire: TOKEN_TTL_SECONDS };
    if (withAppToken) {
      const appToken = this.nextId("a-");
      this.tokens.set(appToken, appId);
      answer.app_access_token = appToken;
    }
    return { status: 200, json: answer };
  }

  // ---- handlers: messages ----

  private readSend(req: Incoming, body: Json): { msgType: string; content: string; uuid?: string } {
    const msgType = this.requireString(req, body, "msg_type");
    const content = body.content;
    if (typeof content !== "string") this.fieldError(req, "content", "must be a JSON string");
    if (body.uuid !== undefined && typeof body.uuid !== "string")
      this.fieldError(req, "uuid", "must be a string");
    return body.uuid === undefined ? { msgType, content } : { msgType, content, uuid: body.uuid };
  }

  private repeated(uuid: string | undefined): Answer | null {
    const data = uuid === undefined ? undefined : this.sentByUuid.get(uuid);
    return data === undefined ? null : ok(data);
  }

  private create(req: Incoming): Answer {
    const receiveIdType = req.query.receive_id_type ?? "";
    if (!RECEIVE_ID_TYPES.has(receiveIdType)) this.fieldError(req, "receive_id_type", "is invalid");
    const body = this.jsonBody(req);
    const receiveId = this.requireString(req, body, "receive_id");
    const send = this.readSend(req, body);
    const again = this.repeated(send.uuid);
    if (again !== null) return again;
    if (receiveIdType === "open_id" && this.unavailable.has(receiveId))
      return error(400, 230013, "Bot has NO availability to this user.");
    const content = this.checkContent(req, send.msgType, send.content);
    const chatId = receiveIdType === "chat_id" ? receiveId : p2pChatId(receiveId);
    const limited = this.overLimit(receiveIdType === "chat_id" ? receiveId : undefined);
    if (limited) return limited;
    const stored: StoredMessage = { chat_id: chatId, msg_type: send.msgType, content: send.content };
    const messageId = this.nextId("om_");
    this.deliver({
      kind: "create",
      message_id: messageId,
      receive_id: receiveId,
      receive_id_type: receiveIdType,
      msg_type: send.msgType,
      content,
      ...(send.uuid === undefined ? {} : { uuid: send.uuid }),
    });
    return this.accept(req, messageId, stored, send.uuid);
  }

  private reply(req: Incoming, [parentId = ""]: string[]): Answer {
    if (!parentId.startsWith("om_")) this.refuse(req, 230001, `invalid message_id ${parentId}`, []);
    const body = this.jsonBody(req);
    const send = this.readSend(req, body);
    const inThread = body.reply_in_thread === true;
    const again = this.repeated(send.uuid);
    if (again !== null) return again;
    const content = this.checkContent(req, send.msgType, send.content);
    const stored = this.replyStore(parentId, send.msgType, send.content, inThread);
    const limited = this.overLimit(stored.chat_id);
    if (limited) return limited;
    const messageId = this.nextId("om_");
    this.deliver({
      kind: "reply",
      message_id: messageId,
      reply_to: parentId,
      ...(inThread ? { reply_in_thread: true } : {}),
      msg_type: send.msgType,
      content,
      ...(send.uuid === undefined ? {} : { uuid: send.uuid }),
    });
    return this.accept(req, messageId, { ...stored, parent_id: parentId }, send.uuid);
  }

  private replyStore(parentId: string, msgType: string, content: string, inThread: boolean): StoredMessage {
    const parent = this.stored.get(parentId);
    const stored: StoredMessage = { msg_type: msgType, content, root_id: parent?.root_id ?? parentId };
    if (parent?.chat_id !== undefined) stored.chat_id = parent.chat_id;
    const threadId = parent?.thread_id ?? (inThread ? this.nextId("omt_") : undefined);
    if (threadId !== undefined) stored.thread_id = threadId;
    return stored;
  }

  private accept(
    req: Incoming,
    messageId: string,
    stored: StoredMessage & { parent_id?: string },
    uuid: string | undefined,
  ): Answer {
    const { parent_id: parentId, ...kept } = stored;
    this.stored.set(messageId, kept);
    const now = String(Date.now());
    const data: Json = {
      message_id: messageId,
      ...(kept.root_id === undefined ? {} : { root_id: kept.root_id }),
      ...(parentId === undefined ? {} : { parent_id: parentId }),
      ...(kept.thread_id === undefined ? {} : { thread_id: kept.thread_id }),
      msg_type: kept.msg_type,
      create_time: now,
      update_time: now,
      deleted: false,
      updated: false,
      ...(kept.chat_id === undefined ? {} : { chat_id: kept.chat_id }),
      sender: { id: this.senderAppId(req), id_type: "app_id", sender_type: "app", tenant_key: "fake_tenant" },
      body: { content: kept.content },
    };
    if (uuid !== undefined) this.sentByUuid.set(uuid, data);
    return ok(data);
  }

  private deliver(message: DeliveredMessage): void {
    this.messages.push(message);
    for (const waiter of [...this.waiters]) {
      if (this.messages.length >= waiter.count) {
        this.waiters.delete(waiter);
        waiter.resolve([...this.messages]);
      }
    }
  }

  private patch(req: Incoming, [messageId = ""]: string[]): Answer {
    const body = this.jsonBody(req);
    const content = body.content;
    if (typeof content !== "string") this.fieldError(req, "content", "must be a JSON string");
    const stored = this.stored.get(messageId);
    if (stored === undefined) this.refuse(req, 230001, `message ${messageId} was not sent by this app`, []);
    if (stored.msg_type !== "interactive")
      this.refuse(req, 230001, "only a card (interactive) can be patched", []);
    const card = this.checkContent(req, "interactive", content);
    stored.content = content;
    this.deliver({ kind: "patch", message_id: messageId, msg_type: "interactive", content: card });
    return ok({});
  }

  private urgent(req: Incoming, [messageId = ""]: string[]): Answer {
    if (!USER_ID_TYPES.has(req.query.user_id_type ?? "")) this.fieldError(req, "user_id_type", "is invalid");
    const list = this.jsonBody(req).user_id_list;
    if (!Array.isArray(list) || list.length === 0 || !list.every(isNonEmptyString)) {
      this.fieldError(req, "user_id_list", "must be a non-empty list of ids");
    }
    if (!this.stored.has(messageId))
      this.refuse(req, 230001, `message ${messageId} was not sent by this app`, []);
    return ok({ invalid_user_id_list: [] });
  }

  private resource(req: Incoming, [messageId = "", fileKey = ""]: string[]): Answer {
    const type = req.query.type ?? "";
    if (type !== "image" && type !== "file") this.fieldError(req, "type", "must be image or file");
    const bytes = this.resources.get(`${messageId}/${fileKey}`);
    if (bytes === undefined) return error(400, 234003, "File not in msg.");
    return { status: 200, bytes };
  }

  // ---- handlers: uploads ----

  private multipart(req: Incoming): MultipartBody {
    if (!isMultipart(req.body)) this.fieldError(req, "body", "must be multipart/form-data");
    return req.body;
  }

  private uploaded(req: Incoming, body: MultipartBody, part: string, maxBytes: number): void {
    const file = body.files[part];
    if (file === undefined || file.size === 0) this.fieldError(req, part, "must be a non-empty file");
    if (file.size > maxBytes)
      this.refuse(req, 234006, `The file size exceed the max value: ${file.size}`, []);
  }

  private uploadFile(req: Incoming): Answer {
    const body = this.multipart(req);
    if (!FILE_TYPES.has(body.fields.file_type ?? "")) this.fieldError(req, "file_type", "is invalid");
    if (!isNonEmptyString(body.fields.file_name)) this.fieldError(req, "file_name", "is required");
    this.uploaded(req, body, "file", FILE_MAX_BYTES);
    const fileKey = this.nextId("file_v3_");
    this.fileKeys.add(fileKey);
    this.uploads.push({
      fileKey,
      fileName: body.fields.file_name ?? "",
      fileType: body.fields.file_type ?? "",
      bytes: body.files.file?.bytes ?? Buffer.alloc(0),
    });
    return ok({ file_key: fileKey });
  }

  private uploadImage(req: Incoming): Answer {
    const body = this.multipart(req);
    if (!IMAGE_TYPES.has(body.fields.image_type ?? "")) this.fieldError(req, "image_type", "is invalid");
    this.uploaded(req, body, "image", IMAGE_MAX_BYTES);
    const imageKey = this.nextId("img_v3_");
    this.imageKeys.add(imageKey);
    return ok({ image_key: imageKey });
  }

  // ---- handlers: bot, contact, card callbacks ----

  private botInfo(): Answer {
    const bot = {
      activate_status: 2,
      app_name: "安督",
      avatar_url: "",
      ip_white_list: [],
      open_id: this.botOpenId,
    };
    return { status: 200, json: { code: 0, msg: "ok", bot } };
  }

  /** A user outside the app's 通讯录权限范围 (or unknown) answers 41050; the name needs its field scope. */
  private user(req: Incoming, [userId = ""]: string[]): Answer {
    const name = (req.query.user_id_type ?? "open_id") === "open_id" ? this.users.get(userId) : undefined;
    if (name === undefined) return error(400, 41050, "no user authority error");
    const withName = this.granted === null || this.granted.has(NAME_FIELD_SCOPE);
    return ok({ user: withName ? { open_id: userId, name } : { open_id: userId } });
  }

  /** Whether the caller (here always the bot) is in the group; an unknown chat_id answers 232006. */
  private isInChat(_req: Incoming, [chatId = ""]: string[]): Answer {
    const member = this.chats.get(chatId);
    if (member === undefined) return error(400, 232006, "Your request specifies a chat_id which is invalid.");
    return ok({ is_in_chat: member });
  }

  private cardUpdate(req: Incoming): Answer {
    const body = this.jsonBody(req);
    this.requireString(req, body, "token");
    this.checkCard(req, body.card);
    return ok();
  }

  // ---- lifecycle ----

  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.serve(req, res).catch((thrown: unknown) => {
        write(res, error(500, 500, `fake failed: ${String(thrown)}`));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    if (server === null) return Promise.resolve();
    this.server = null;
    server.closeAllConnections();
    return new Promise((resolve, reject) => {
      server.close((closeError) => (closeError ? reject(closeError) : resolve()));
    });
  }
}

function p2pChatId(receiveId: string): string {
  return `oc_${createHash("sha1").update(receiveId).digest("hex").slice(0, 32)}`;
}

function write(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  if ("bytes" in answer) {
    res.writeHead(answer.status, {
      "content-type": "application/octet-stream",
      "content-length": answer.bytes.length,
    });
    res.end(answer.bytes);
    return;
  }
  const text = JSON.stringify(answer.json);
  res.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeOpenApi(options: FakeOpenApiOptions = {}): Promise<FakeOpenApi> {
  const fake = new Fake(options);
  await fake.listen();
  return fake;
}
