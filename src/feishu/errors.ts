// Classifies what the Open API answered: success, a failure worth retrying, or a real refusal.
// Follows FEISHU.md "Errors worth retrying": 5xx, 429, 99991400; 99991663/99991668 mean a stale token.

export const TOKEN_INVALID_CODES = new Set([99991663, 99991668, 99991661]);
const RATE_LIMITED = 99991400;

export class FeishuApiError extends Error {
  override name = "FeishuApiError";
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: number | undefined,
    readonly retryable: boolean,
    readonly tokenInvalid: boolean,
  ) {
    super(message);
  }
}

interface AxiosLike {
  response?: { status?: number; data?: unknown };
  code?: string;
  message?: string;
}

function codeOf(data: unknown): { code?: number; msg?: string } {
  if (data && typeof data === "object") {
    const d = data as { code?: unknown; msg?: unknown };
    return {
      code: typeof d.code === "number" ? d.code : undefined,
      msg: typeof d.msg === "string" ? d.msg : undefined,
    };
  }
  return {};
}

function classify(status: number | undefined, code: number | undefined, msg: string): FeishuApiError {
  const tokenInvalid = code !== undefined && TOKEN_INVALID_CODES.has(code);
  const retryable =
    status === undefined || status >= 500 || status === 429 || code === RATE_LIMITED || tokenInvalid;
  const label = [
    status !== undefined ? `HTTP ${status}` : "network",
    code !== undefined ? `code ${code}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return new FeishuApiError(`${label}: ${msg}`.slice(0, 300), status, code, retryable, tokenInvalid);
}

/** Turns a thrown SDK/axios error into a FeishuApiError. */
export function fromThrown(error: unknown): FeishuApiError {
  if (error instanceof FeishuApiError) return error;
  const e = error as AxiosLike;
  const { code, msg } = codeOf(e?.response?.data);
  return classify(e?.response?.status, code, msg ?? e?.message ?? String(error));
}

/** Checks an HTTP-200 answer: Feishu reports refusals as `code ≠ 0` in the body. */
export function checkAnswer<T>(answer: T): T {
  const { code, msg } = codeOf(answer);
  if (code !== undefined && code !== 0) throw classify(200, code, msg ?? "refused");
  return answer;
}
