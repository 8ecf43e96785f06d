// Builds the official Lark SDK client with our own token cache and a logger that never prints request bodies.
import * as lark from "@larksuiteoapi/node-sdk";
import type { FeishuCredentials } from "../config";
import type { Logger } from "../logger";

/** The SDK's token cache, with a way to drop the token when Feishu says it is invalid or expired. */
export class TokenCache {
  private values = new Map<string, { value: unknown; expiresAt?: number | undefined }>();

  // biome-ignore lint/complexity/noBannedTypes: the SDK's Cache interface declares keys as `string | Symbol`
  private key(key: string | Symbol, namespace?: string): string {
    return `${namespace ?? ""}/${key.toString()}`;
  }
  // biome-ignore lint/complexity/noBannedTypes: as above
  async get(key: string | Symbol, options?: { namespace?: string }): Promise<unknown> {
    const entry = this.values.get(this.key(key, options?.namespace));
    if (!entry || (entry.expiresAt !== undefined && entry.expiresAt <= Date.now())) return undefined;
    return entry.value;
  }
  // biome-ignore lint/complexity/noBannedTypes: as above
  async set(key: string | Symbol, value: unknown, expiresAt?: number, options?: { namespace?: string }) {
    this.values.set(this.key(key, options?.namespace), { value, expiresAt });
    return true;
  }
  clear(): void {
    this.values.clear();
  }
}

/** The SDK logs whole axios errors, request data included: we keep only the first string it gives. */
function sdkLogger(logger: Logger): lark.Logger {
  const first = (msg: unknown[]): string => {
    const text = msg.find((m): m is string => typeof m === "string");
    return text ? text.slice(0, 200) : "(details withheld)";
  };
  return {
    error: (...msg: unknown[]) => logger.warn("lark sdk", { detail: first(msg) }),
    warn: (...msg: unknown[]) => logger.warn("lark sdk", { detail: first(msg) }),
    info: () => {},
    debug: () => {},
    trace: () => {},
  };
}

/**
 * The SDK's HTTP instance with a timeout on every call: axios waits forever by default, and a call Feishu never
 * answers would hold its message (and the flush behind it) for good. A timed-out send is retried with the
 * same uuid, so it never shows twice.
 */
function withTimeout(base: lark.HttpInstance, timeout: number): lark.HttpInstance {
  return {
    // A GET carries no body: the SDK passes `data: {}` on GETs, which fetch (axios' adapter under workerd) refuses.
    request: (o) =>
      base.request({ timeout, ...o, ...(/^(get|head)$/i.test(o.method ?? "") ? { data: undefined } : {}) }),
    get: (url, o) => base.get(url, { timeout, ...o }),
    delete: (url, o) => base.delete(url, { timeout, ...o }),
    head: (url, o) => base.head(url, { timeout, ...o }),
    options: (url, o) => base.options(url, { timeout, ...o }),
    post: (url, data, o) => base.post(url, data, { timeout, ...o }),
    put: (url, data, o) => base.put(url, data, { timeout, ...o }),
    patch: (url, data, o) => base.patch(url, data, { timeout, ...o }),
  };
}

export interface LarkClient {
  client: lark.Client;
  tokens: TokenCache;
  /** the missing scopes already logged: each is logged once, not per refused call */
  reportedScopes: Set<string>;
  /** the Open API's base URL and the timeout of one call, for the calls made with fetch (./transfers.ts) */
  domain: string;
  timeoutMs: number;
}

export function createLarkClient(
  creds: FeishuCredentials,
  domain: string,
  logger: Logger,
  timeoutMs = 15_000,
): LarkClient {
  const tokens = new TokenCache();
  const client = new lark.Client({
    appId: creds.appId,
    appSecret: creds.appSecret,
    domain,
    appType: lark.AppType.SelfBuild,
    cache: tokens,
    // Typed as a bare AxiosInstance, but its interceptor returns the body: what HttpInstance promises.
    httpInstance: withTimeout(lark.defaultHttpInstance as unknown as lark.HttpInstance, timeoutMs),
    logger: sdkLogger(logger),
    loggerLevel: lark.LoggerLevel.warn,
  });
  return { client, tokens, reportedScopes: new Set(), domain, timeoutMs };
}
