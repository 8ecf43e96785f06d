// The long connection (WSClient): events arrive over a socket the bot opens, so no public URL is needed.
// Events come already decrypted; each payload goes to the same `receive` as the webhook's.
// Follows open.feishu.cn "Use long connection to receive events" and the SDK's WSClient.
import * as lark from "@larksuiteoapi/node-sdk";
import type { FeishuCredentials } from "../config";
import type { Logger } from "../logger";

export type PayloadHandler = (payload: Record<string, unknown>) => Promise<object>;

const strings = (parts: unknown[]) =>
  parts
    .filter((p) => typeof p === "string")
    .join(" ")
    .slice(0, 300);

export function startLongConnection(
  creds: FeishuCredentials,
  domain: string,
  logger: Logger,
  handle: PayloadHandler,
): lark.WSClient {
  const client = new lark.WSClient({
    appId: creds.appId,
    appSecret: creds.appSecret,
    domain,
    autoReconnect: true,
    loggerLevel: lark.LoggerLevel.warn,
    // The SDK's warnings and errors are short strings ("[ws]", "code: …"); its debug lines carry event bodies.
    logger: {
      error: (...m: unknown[]) => logger.warn("lark ws", { detail: strings(m) }),
      warn: (...m: unknown[]) => logger.warn("lark ws", { detail: strings(m) }),
      info: () => {},
      debug: () => {},
      trace: () => {},
    },
  });
  // WSClient hands each merged payload (schema 2.0, as sent) to `invoke`; what it returns answers a card action.
  const dispatcher = { invoke: (data: Record<string, unknown>) => handle(data) };
  client.start({ eventDispatcher: dispatcher as unknown as lark.EventDispatcher });
  return client;
}
