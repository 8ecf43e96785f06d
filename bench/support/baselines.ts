// The servers the ingress benches (webhook.ts, ingest.ts) measure 安督 against in the same run: a bare Hono
// route that answers {} (the load generator's ceiling) and the Lark SDK's own adaptDefault doing its
// verification; and the one way each of them listens.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import * as lark from "@larksuiteoapi/node-sdk";
import { Hono } from "hono";
import { ENCRYPT_KEY, VERIFICATION_TOKEN } from "../../tests/support/events";
import type { LoadResult } from "../load";

/** Listens on a free port on 127.0.0.1; resolves to the server's /feishu/events URL. */
export function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/feishu/events`),
    ),
  );
}

export function bareHono(): Server {
  const app = new Hono();
  app.post("/feishu/events", (c) => c.json({}));
  return createAdaptorServer({ fetch: app.fetch }) as Server;
}

export function sdkAdaptor(): Server {
  const dispatcher = new lark.EventDispatcher({
    encryptKey: ENCRYPT_KEY,
    verificationToken: VERIFICATION_TOKEN,
    loggerLevel: lark.LoggerLevel.error,
  }).register({ "im.message.receive_v1": async () => ({}) });
  return createServer(lark.adaptDefault("/feishu/events", dispatcher));
}

/** The round with the median rate: the figure reported for rounds interleaved on a shared machine. */
export function median(results: LoadResult[]): LoadResult {
  return [...results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(results.length / 2)]!;
}
