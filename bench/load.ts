// A load generator in a child process (the second core), so the server under test keeps its own core:
// sends prepared requests with a fixed concurrency over keep-alive connections and times each one.

import { fork } from "node:child_process";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";

export interface Prepared {
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU the serving process used during the load, per request in µs (when the caller gave a way to read it) */
  cpuPerRequestUs?: number;
  /** CPU the load generator used per request, in µs: the client's share of the two cores */
  clientCpuPerRequestUs: number;
}

interface Job {
  url: string;
  requests: Prepared[];
  concurrency: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function drive(job: Job): Promise<LoadResult> {
  const url = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const cpuAtStart = process.cpuUsage();
  const one = (prepared: Prepared) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          agent,
          // Feishu sends a Content-Length; without it Node would send the body chunked.
          headers: { ...prepared.headers, "content-length": String(Buffer.byteLength(prepared.body)) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode !== 200) errors++;
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(prepared.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.requests.length) await one(job.requests[next++]!);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    clientCpuPerRequestUs: (cpu.user + cpu.system) / latencies.length,
  };
}

/**
 * Runs the load from a child process and resolves with its figures. `cpuMs` reads the serving process's CPU
 * clock: it is read when the child starts sending (after the requests crossed to it) and when it is done.
 */
export function runLoad(
  url: string,
  requests: Prepared[],
  concurrency: number,
  cpuMs?: () => number,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ["--import", "tsx"] });
    let cpuAtStart = 0;
    child.on("message", (message: "started" | LoadResult) => {
      if (message === "started") {
        cpuAtStart = cpuMs?.() ?? 0;
        return;
      }
      const cpuPerRequestUs = cpuMs ? ((cpuMs() - cpuAtStart) * 1000) / message.requests : undefined;
      resolve({ ...message, ...(cpuPerRequestUs === undefined ? {} : { cpuPerRequestUs }) });
      child.kill();
    });
    child.once("error", reject);
    child.send({ url, requests, concurrency } satisfies Job);
  });
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once("message", (job) => {
    process.send?.("started", () => {
      drive(job as Job).then((result) => process.send?.(result));
    });
  });
}
