// Feishu's long-connection gateway, faked on 127.0.0.1: the endpoint the SDK's WSClient asks for a socket
// URL, and the socket, speaking the SDK's protobuf frames (pbbp2.Frame), pushing events and reading answers.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import protobuf from "protobufjs";
import { type WebSocket, WebSocketServer } from "ws";

// The frame the gateway and the SDK exchange (field numbers as in the SDK's generated pbbp2 code).
const root = protobuf.Root.fromJSON({
  nested: {
    Header: { fields: { key: { type: "string", id: 1 }, value: { type: "string", id: 2 } } },
    Frame: {
      fields: {
        SeqID: { type: "uint64", id: 1 },
        LogID: { type: "uint64", id: 2 },
        service: { type: "int32", id: 3 },
        method: { type: "int32", id: 4 },
        headers: { rule: "repeated", type: "Header", id: 5 },
        payloadEncoding: { type: "string", id: 6 },
        payloadType: { type: "string", id: 7 },
        payload: { type: "bytes", id: 8 },
        LogIDNew: { type: "string", id: 9 },
      },
    },
  },
});
const Frame = root.lookupType("Frame");
const DATA_FRAME = 1;

interface DecodedFrame {
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

export interface FakeLongConnection {
  /** the domain to give WSClient: it asks `${domain}/callback/ws/endpoint` for the socket URL */
  url: string;
  /** resolves once the SDK's socket is open */
  connected(): Promise<void>;
  /** pushes one event (a schema-2.0 payload) and resolves with what the bot answered, if anything */
  push(payload: object): Promise<unknown>;
  close(): Promise<void>;
}

export async function startFakeLongConnection(): Promise<FakeLongConnection> {
  const http: Server = createServer((req, res) => {
    if (req.method === "POST" && req.url === "/callback/ws/endpoint") {
      const { port } = http.address() as AddressInfo;
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          code: 0,
          data: {
            URL: `ws://127.0.0.1:${port}/ws?device_id=dev1&service_id=7`,
            ClientConfig: { PingInterval: 120, ReconnectCount: 0, ReconnectInterval: 1, ReconnectNonce: 0 },
          },
        }),
      );
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  const wss = new WebSocketServer({ server: http, path: "/ws" });
  let socket: WebSocket | undefined;
  let opened: () => void = () => {};
  const open = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const waiting = new Map<string, (answer: unknown) => void>();
  wss.on("connection", (ws) => {
    socket = ws;
    ws.on("message", (data: Buffer) => {
      const frame = Frame.toObject(Frame.decode(data), { defaults: true }) as DecodedFrame;
      // The SDK pings as the socket opens and attaches its frame handler just after: once a ping is in, the
      // client listens.
      if (frame.method !== DATA_FRAME) setTimeout(opened, 20);
      const id = frame.headers.find((h) => h.key === "message_id")?.value;
      if (frame.method !== DATA_FRAME || !id) return;
      const body = JSON.parse(Buffer.from(frame.payload ?? new Uint8Array()).toString("utf8")) as {
        data?: string;
      };
      waiting.get(id)?.(
        body.data ? JSON.parse(Buffer.from(body.data, "base64").toString("utf8")) : undefined,
      );
      waiting.delete(id);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  let serial = 0;
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    connected: () => open,
    push(payload) {
      const id = `msg_${++serial}`;
      const frame = Frame.create({
        SeqID: serial,
        LogID: serial,
        service: 7,
        method: DATA_FRAME,
        headers: [
          { key: "type", value: "event" },
          { key: "message_id", value: id },
          { key: "sum", value: "1" },
          { key: "seq", value: "0" },
          { key: "trace_id", value: `trace_${serial}` },
        ],
        payload: Buffer.from(JSON.stringify(payload)),
      });
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        socket?.send(Frame.encode(frame).finish());
      });
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
