// Classifies what the Open API answered: success, a failure worth retrying, or a real refusal.
// Follows open.feishu.cn "服务端错误码说明" (server-docs/api-call-guide/generic-error-code): 5xx, 429 and 99991400
// (rate limited) are retried; 99991663/99991668 mean a stale tenant token; 99991672 is a scope the app lacks, named in
// `error.permission_violations` (trouble-shooting/how-to-fix-the-99991672-error).

export const TOKEN_INVALID_CODES = new Set([99991663, 99991668, 99991661]);
const RATE_LIMITED = 99991400;
/** The person is outside the app's 通讯录权限范围 (open.feishu.cn contact/v3 user get). */
export const OUT_OF_CONTACT_RANGE = 41050;
/** The app lacks a scope the call needs: a console step (add the scope, publish a version), never a retry. */
export const MISSING_SCOPE = 99991672;

export class FeishuApiError extends Error {
  override name = "FeishuApiError";
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: number | undefined,
    readonly retryable: boolean,
    readonly tokenInvalid: boolean,
    /** with code 99991672: the scopes any one of which would allow the call */
    readonly scopes: string[] = [],
  ) {
    super(message);
  }

  get missingScope(): boolean {
    return this.code === MISSING_SCOPE;
  }
}

interface AxiosLike {
  response?: { status?: number; data?: unknown };
  code?: string;
  message?: string;
}

interface Answer {
  code?: number;
  msg?: string;
  scopes: string[];
}

/** The scopes named in `error.permission_violations[].subject`, each once. */
function violations(error: unknown): string[] {
  const list = (error as { permission_violations?: unknown } | undefined)?.permission_violations;
  if (!Array.isArray(list)) return [];
  const subjects = list
    .map((v) => (v as { subject?: unknown } | null)?.subject)
    .filter((s): s is string => typeof s === "string" && s !== "");
  return [...new Set(subjects)];
}

function codeOf(data: unknown): Answer {
  if (data && typeof data === "object") {
    const d = data as { code?: unknown; msg?: unknown; error?: unknown };
    return {
      code: typeof d.code === "number" ? d.code : undefined,
      msg: typeof d.msg === "string" ? d.msg : undefined,
      scopes: violations(d.error),
    };
  }
  return { scopes: [] };
}

function classify(
  status: number | undefined,
  code: number | undefined,
  msg: string,
  scopes: string[] = [],
): FeishuApiError {
  const tokenInvalid = code !== undefined && TOKEN_INVALID_CODES.has(code);
  const retryable =
    status === undefined || status >= 500 || status === 429 || code === RATE_LIMITED || tokenInvalid;
  const label = [
    status !== undefined ? `HTTP ${status}` : "network",
    code !== undefined ? `code ${code}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return new FeishuApiError(`${label}: ${msg}`.slice(0, 300), status, code, retryable, tokenInvalid, scopes);
}

const MAX_ERROR_BODY = 64 * 1024;

/**
 * A download asks axios for a stream, so a refusal's JSON body arrives as a stream too: read it (at most 64 KB)
 * and put the parsed body in its place, so the code and the missing scope can be told.
 */
export async function withBufferedBody(error: unknown): Promise<unknown> {
  const response = (error as AxiosLike | undefined)?.response;
  const data = response?.data as AsyncIterable<unknown> | undefined;
  if (!response || typeof data?.[Symbol.asyncIterator] !== "function") return error;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of data) {
      const bytes = Buffer.from(chunk as Uint8Array);
      size += bytes.length;
      if (size > MAX_ERROR_BODY) break;
      chunks.push(bytes);
    }
    response.data = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    response.data = undefined;
  }
  return error;
}

/** Turns a thrown SDK/axios error into a FeishuApiError. */
export function fromThrown(error: unknown): FeishuApiError {
  if (error instanceof FeishuApiError) return error;
  const e = error as AxiosLike;
  const { code, msg, scopes } = codeOf(e?.response?.data);
  return classify(e?.response?.status, code, msg ?? e?.message ?? String(error), scopes);
}

/** Checks an HTTP-200 answer: Feishu reports refusals as `code ≠ 0` in the body. */
export function checkAnswer<T>(answer: T): T {
  const { code, msg, scopes } = codeOf(answer);
  if (code !== undefined && code !== 0) throw classify(200, code, msg ?? "refused", scopes);
  return answer;
}
