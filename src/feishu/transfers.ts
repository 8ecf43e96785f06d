// Uploads and downloads made with fetch and FormData, which Node and Workers both have, under the SDK's own
// tenant token: the SDK builds its uploads from Node streams and reads downloads as Node streams, neither of
// which works under workerd. Follows open.feishu.cn im/v1 image create, file create and message resource get.
import type { LarkClient } from "./client";

interface TokenManager {
  getTenantAccessToken(): Promise<string>;
}

/** A failed answer, shaped as the SDK's axios errors are (`response.status`, `response.data`): ./errors.ts sorts it. */
class AnswerError extends Error {
  constructor(readonly response: { status: number; data: unknown }) {
    super(`request failed with status ${response.status}`);
  }
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 200);
  }
}

async function request(lark: LarkClient, path: string, init: RequestInit): Promise<Response> {
  // The SDK's token manager keeps the token in our TokenCache, as for every SDK call.
  const tokens = (lark.client as unknown as { tokenManager: TokenManager }).tokenManager;
  const token = await tokens.getTenantAccessToken();
  const response = await fetch(`${lark.domain}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(lark.timeoutMs),
  });
  if (!response.ok) throw new AnswerError({ status: response.status, data: await bodyOf(response) });
  return response;
}

/** Posts a multipart form; the answer's body, `{ code, msg, data }`. */
export async function postForm(lark: LarkClient, path: string, form: FormData): Promise<unknown> {
  return bodyOf(await request(lark, path, { method: "POST", body: form }));
}

/** The bytes a GET answers with; a JSON answer is Feishu's refusal (`code ≠ 0`), thrown as such. */
export async function getBytes(lark: LarkClient, path: string): Promise<Buffer> {
  const response = await request(lark, path, { method: "GET" });
  if ((response.headers.get("content-type") ?? "").includes("application/json")) {
    throw new AnswerError({ status: response.status, data: await bodyOf(response) });
  }
  return Buffer.from(await response.arrayBuffer());
}
