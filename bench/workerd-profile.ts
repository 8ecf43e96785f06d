// A CPU profile of the Worker inside workerd, through the DevTools inspector `wrangler dev` opens: which parts of
// the bundle the time goes to, by the module esbuild put each function in (its `// node_modules/…` and
// `// src/…` markers), so a figure from bench/worker-files.ts can say where its time goes; and the isolate's
// heap at its peak.
import WebSocket from "ws";

interface CallFrame {
  functionName: string;
  scriptId: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The inspector's JSON-RPC over its websocket. */
class Inspector {
  private next = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();
  readonly scripts = new Map<string, string>();

  constructor(private readonly socket: WebSocket) {
    socket.on("close", () => {
      for (const answer of this.waiting.values()) answer(undefined);
    });
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as {
        id?: number;
        result?: unknown;
        method?: string;
        params?: { scriptId: string; url: string };
      };
      if (message.id !== undefined) this.waiting.get(message.id)?.(message.result);
      if (message.method === "Debugger.scriptParsed" && message.params)
        this.scripts.set(message.params.scriptId, message.params.url);
    });
  }

  static async open(port: number): Promise<Inspector> {
    const [target] = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const socket = new WebSocket(target!.webSocketDebuggerUrl);
    await new Promise((opened, failed) => socket.once("open", opened).once("error", failed));
    return new Inspector(socket);
  }

  /** One call and its result; refused after 60 s (the inspector may drop what it cannot carry). */
  call<T>(method: string, params: object = {}): Promise<T> {
    const id = this.next++;
    return new Promise((done, failed) => {
      const timer = setTimeout(() => failed(new Error(`the inspector did not answer ${method}`)), 60_000);
      this.waiting.set(id, (result) => {
        clearTimeout(timer);
        done(result as T);
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** Each line where esbuild begins a module, with the module's path, in order. */
function moduleStarts(source: string): { line: number; module: string }[] {
  const starts: { line: number; module: string }[] = [];
  source.split("\n").forEach((text, line) => {
    const marker = /^\/\/ ((?:node_modules|src|db|commands|cards)\/\S+)$/.exec(text);
    if (marker) starts.push({ line, module: marker[1]! });
  });
  return starts;
}

/** A short name for a module: the package for node_modules, the folder for our own code. */
function group(module: string): string {
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  if (pkg) return pkg[1]!;
  return `${module.split("/").slice(0, 2).join("/")}`;
}

/**
 * The isolate's JS heap at its largest while `work` runs (sampled every 50 ms through the inspector), to hold
 * against the 128 MB an isolate may use.
 */
export async function peakHeapMb(port: number, work: () => Promise<void>): Promise<number> {
  const inspector = await Inspector.open(port);
  try {
    let peak = 0;
    let working = true;
    const sampling = (async () => {
      while (working) {
        const heap = await inspector.call<{ usedSize: number } | undefined>("Runtime.getHeapUsage");
        peak = Math.max(peak, heap?.usedSize ?? 0);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await work().finally(() => {
      working = false;
    });
    await sampling;
    return peak / 1024 / 1024;
  } finally {
    inspector.close();
  }
}

/**
 * Self time in ms of `work`'s second run under the profiler, by package (node_modules) or folder (our code),
 * largest first; time outside the bundle (the runtime's own) under "(runtime)". The first run is not counted:
 * starting the profiler throws away V8's optimised code, so that run is mostly the interpreter's.
 */
export async function profileWork(port: number, work: () => Promise<void>): Promise<[string, number][]> {
  const inspector = await Inspector.open(port);
  try {
    await inspector.call("Profiler.enable");
    await inspector.call("Profiler.setSamplingInterval", { interval: 1000 });
    await inspector.call("Profiler.start");
    await work();
    await inspector.call("Profiler.stop");
    await inspector.call("Profiler.start");
    await work();
    const { profile } = await inspector.call<{ profile: Profile }>("Profiler.stop");
    // Only now the debugger (for the bundle's source): while it is on, V8 runs some code far slower.
    await inspector.call("Debugger.enable");
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const sources = new Map<string, { line: number; module: string }[]>();
    const totals = new Map<string, number>();
    for (const [i, sample] of profile.samples.entries()) {
      const frame = byId.get(sample)!.callFrame;
      let name = "(runtime)";
      if (frame.functionName === "(idle)") name = "(idle)";
      else if (frame.scriptId !== "0" && frame.scriptId !== "") {
        if (!sources.has(frame.scriptId)) {
          const { scriptSource } = await inspector.call<{ scriptSource: string }>(
            "Debugger.getScriptSource",
            {
              scriptId: frame.scriptId,
            },
          );
          sources.set(frame.scriptId, moduleStarts(scriptSource ?? ""));
        }
        const starts = sources.get(frame.scriptId)!;
        let found: string | undefined;
        for (const s of starts) if (s.line <= frame.lineNumber) found = s.module;
        name = found ? group(found) : `(${inspector.scripts.get(frame.scriptId) || "script"})`;
      } else if (frame.functionName === "(garbage collector)") name = "(garbage collector)";
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      totals.set(name, (totals.get(name) ?? 0) + ms);
    }
    return [...totals].filter(([name]) => name !== "(idle)").sort((a, b) => b[1] - a[1]);
  } finally {
    inspector.close();
  }
}
