// Uploads and downloads made with fetch and FormData, which Node and Workers both have, under the SDK's own
// tenant token: the SDK builds its uploads from Node streams and reads downloads as Node streams, neither of
// which workerd has natively (its multipart goes through axios over workerd's Node compatibility layer at
// best). Follows open.feishu.cn im/v1 image create, file create and message resource get.
import type { LarkClient } from "./client";
import { checkAnswer, FeishuApiError } from "./errors";
import type { FileType } from "./file-type";

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

/** A file for a file message: the name people see, Feishu's file_type for it, and its bytes. */
export interface UploadFile {
  fileName: string;
  fileType: FileType;
  bytes: Uint8Array;
}

/**
 * Uploads a file (im/v1/files: file_type, file_name, the file as a part named by its file name); its file_key.
 * A refusal Feishu answers with HTTP 200 and code ≠ 0 is thrown as one, so a rate limit is retried.
 */
export async function uploadFile(lark: LarkClient, file: UploadFile): Promise<string> {
  const form = new FormData();
  form.append("file_type", file.fileType);
  form.append("file_name", file.fileName);
  form.append("file", new Blob([new Uint8Array(file.bytes)]), file.fileName);
  const answer = checkAnswer(
    (await postForm(lark, "/open-apis/im/v1/files", form)) as { code?: number; data?: { file_key?: string } },
  );
  const key = answer?.data?.file_key;
  if (!key) throw new FeishuApiError("file upload returned no file_key", 200, undefined, false, false);
  return key;
}
