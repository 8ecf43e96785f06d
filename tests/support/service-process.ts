// The service as `npm start` runs it, in its own process (node with tsx, src/node.ts), for tests that kill it:
// settings through the environment, a real database file, the fake Open API as Feishu.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { APP_ID, type Delivery, ENCRYPT_KEY, VERIFICATION_TOKEN } from "./events";

const ROOT = resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface ServiceProcess {
  port: number;
  child: ChildProcess;
  output: string[];
  deliver(delivery: Delivery): Promise<Response>;
  /** SIGKILL: no handler runs, nothing is flushed */
  kill(): Promise<void>;
  /** SIGTERM: the service finishes its work and closes */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  databaseUrl: string;
  openApiUrl: string;
  port: number;
  env?: Record<string, string>;
  /** node's own flags, e.g. --cpu-prof */
  nodeArgs?: string[];
  /** the service's Date moved by this many minutes (./shifted-clock.ts): from `clockAt(moment).minutes` */
  clockShiftMinutes?: number;
}

/** A test's view of the clock a service started with `clockShiftMinutes` reads. */
export interface ShiftedClock {
  minutes: number;
  /** the service's time now (ms) */
  now(): number;
}

/**
 * The shift that puts the service's clock at `moment` (to the nearest whole minute, so minutes start at the
 * same real instant in both): give every process of one test the same shift, and events the same `now()`.
 */
export function clockAt(moment: number): ShiftedClock {
  const minutes = Math.round((moment - Date.now()) / 60_000);
  return { minutes, now: () => Date.now() + minutes * 60_000 };
}

const SHIFTED_CLOCK = pathToFileURL(resolve(import.meta.dirname, "shifted-clock.ts")).href;

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once("exit", () => done()));
}

/** Starts the service and resolves once /healthz answers. */
export async function startService(o: ServiceOptions): Promise<ServiceProcess> {
  // tsx first: the preload is TypeScript too.
  const clock = o.clockShiftMinutes === undefined ? [] : ["--import", SHIFTED_CLOCK];
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), "--import", "tsx", ...clock, "src/node.ts"], {
    cwd: ROOT,
    env: {
      ...(o.clockShiftMinutes === undefined
        ? {}
        : { ANDU_TEST_CLOCK_SHIFT_MINUTES: String(o.clockShiftMinutes) }),
      PATH: process.env.PATH ?? "",
      FEISHU_APP_ID: APP_ID,
      FEISHU_APP_SECRET: "test-secret",
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      FEISHU_DOMAIN: o.openApiUrl,
      DATABASE_URL: o.databaseUrl,
      PORT: String(o.port),
      ...o.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const base = `http://127.0.0.1:${o.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited at start: ${output.join("")}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`service did not start: ${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port: o.port,
    child,
    output,
    deliver: (d) => fetch(`${base}/feishu/events`, { method: "POST", headers: d.headers, body: d.body }),
    async kill() {
      child.kill("SIGKILL");
      await exited(child);
    },
    async stop() {
      child.kill("SIGTERM");
      await exited(child);
    },
  };
}
