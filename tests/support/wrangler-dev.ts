// The Worker under workerd, as `npm run worker:dev` runs it: `wrangler dev --local --test-scheduled` in its own
// process with the given bindings, for tests and the Worker benchmark that must run the real runtime (the
// bundle wrangler builds, workerd's fetch, FormData and Node compatibility layer), not Node standing in for it.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { freePort } from "./service-process";

/** the repository: where wrangler.toml is */
export const ROOT = resolve(import.meta.dirname, "../..");
export const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
/** Wrangler without its telemetry and prompts, as on a CI machine. */
export const QUIET = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" };

export interface WranglerDev {
  /** http://127.0.0.1:<port> */
  base: string;
  /** wrangler's and workerd's output so far */
  output: string[];
  /** the DevTools inspector's port (http://127.0.0.1:<port>/json lists the Worker to profile) */
  inspectorPort: number;
  /**
   * The CPU time (user and system, in ms) the workerd processes have used so far: read before and after an
   * invocation, the difference is what it cost the runtime (an upper bound on the isolate's CPU time, which
   * the local runtime does not report).
   */
  workerdCpuMs(): number;
  stop(): Promise<void>;
}

/** The process ids under `pid`, at any depth. */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    // pgrep exits 1 when there are none
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** A process's user and system time in ms, from /proc (Linux); 0 once it has gone. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // after the command's name in parentheses: field 14 utime, 15 stime, in clock ticks (100 a second)
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

/**
 * Starts `wrangler dev` with `vars` as its bindings and state under `stateDir`; resolves once it serves. A start
 * that exits before serving is tried once more: under a loaded test run, with two Worker test files starting
 * wrangler at once, it was seen to exit at start without a word (once, in a full run on a loaded machine); a Worker that
 * truly cannot start fails both times, with what wrangler said.
 */
export async function startWranglerDev(vars: Record<string, string>, stateDir: string): Promise<WranglerDev> {
  try {
    return await startOnce(vars, stateDir);
  } catch (error) {
    if (!(error instanceof ExitedAtStart)) throw error;
    return startOnce(vars, stateDir);
  }
}

class ExitedAtStart extends Error {}

async function startOnce(vars: Record<string, string>, stateDir: string): Promise<WranglerDev> {
  const port = await freePort();
  const inspectorPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const dev: ChildProcess = spawn(
    WRANGLER,
    [
      "dev",
      "--local",
      "--test-scheduled",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      stateDir,
      ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    ],
    { cwd: ROOT, env: QUIET, stdio: ["ignore", "pipe", "pipe"] },
  );
  dev.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  dev.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const stop = async () => {
    if (dev.exitCode !== null || dev.signalCode !== null) return;
    const exited = new Promise((r) => dev.once("exit", r));
    dev.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (dev.exitCode !== null || dev.signalCode !== null)
      throw new ExitedAtStart(
        `wrangler dev exited (${dev.exitCode ?? dev.signalCode}) before serving: ${output.join("")}`,
      );
    try {
      await fetch(`${base}/healthz`);
      break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not start: ${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const workerdCpuMs = () =>
    descendants(dev.pid!)
      .filter((pid) => commandOf(pid).includes("workerd"))
      .reduce((sum, pid) => sum + cpuMsOf(pid), 0);
  return { base, output, inspectorPort, workerdCpuMs, stop };
}
