// The hostile corpus (tests/support/corpus.ts) against the service over HTTP: how long each request waits for
// its acknowledgement, and how long the event loop is held (monitorEventLoopDelay) while the corpus and the
// work behind it run. Then issue 10's stall: five 150,000-character /绑定 from a stranger, with a /帮助 and a
// card press sent at the same moment, each press and /帮助 timed.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { createAdaptorServer } from "@hono/node-server";
import { buildCorpus, messageDelivery, STRANGER } from "../tests/support/corpus";
import { cardPayload, encryptedDelivery, messagePayload } from "../tests/support/events";
import { startHarness } from "../tests/support/harness";
import { type Prepared, runLoad } from "./load";

const SEED = 20230701;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

function ms(nanoseconds: number): string {
  return (nanoseconds / 1e6).toFixed(1);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/feishu/events`;
}

async function timed(url: string, d: Prepared): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers: d.headers, body: d.body });
  await response.arrayBuffer();
  return performance.now() - started;
}

export async function runCorpusBench(): Promise<void> {
  const h = await startHarness();
  const server = createAdaptorServer({ fetch: h.app.fetch }) as Server;
  const url = await listen(server);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  try {
    const cases = buildCorpus(SEED, () => h.bot.deps.now());
    const prepared: Prepared[] = cases.map((c, i) =>
      c.kind === "message" ? messageDelivery(c, i, h.bot.deps.now()) : c.build(),
    );
    loop.enable();
    const started = performance.now();
    const load = await runLoad(url, prepared, CONCURRENCY);
    const acked = performance.now() - started;
    await h.settle();
    const total = performance.now() - started;
    loop.disable();
    console.log(
      `\nhostile corpus: ${cases.length} cases (seed ${SEED}) over HTTP, concurrency ${CONCURRENCY}`,
    );
    console.log(
      `acknowledgement  p50 ${load.p50.toFixed(1)} ms  p99 ${load.p99.toFixed(1)} ms  (${load.errors} answered other than 200: the refusals the corpus asks for)`,
    );
    console.log(
      `event loop delay p50 ${ms(loop.percentile(50))} ms  p99 ${ms(loop.percentile(99))} ms  max ${ms(loop.max)} ms`,
    );
    console.log(
      `all acknowledged in ${(acked / 1000).toFixed(1)} s; the work behind them done in ${(total / 1000).toFixed(1)} s`,
    );

    // Issue 10's stall: the five long messages and, at the same moment, a /帮助 and a card press.
    loop.reset();
    loop.enable();
    const long = "镇".repeat(150_000);
    const attacks = Array.from({ length: 5 }, (_, i) =>
      timed(
        url,
        encryptedDelivery(
          messagePayload(`/绑定 角色=干部 单位=${long}`, { sender: STRANGER, messageId: `om_stall_${i}` }),
        ),
      ),
    );
    const help = timed(url, encryptedDelivery(messagePayload("/帮助", { messageId: "om_stall_help" })));
    const press = timed(
      url,
      encryptedDelivery(cardPayload({ action: "hazard.list.page", page: 1, filter: { labels: [] } })),
    );
    const [attackTimes, helpTime, pressTime] = [await Promise.all(attacks), await help, await press];
    await h.settle();
    loop.disable();
    console.log(
      "5 × 150,000-character /绑定 from a stranger, with a /帮助 and a card press at the same moment:",
    );
    console.log(
      `  /帮助 acknowledged in ${helpTime.toFixed(1)} ms, the card press answered in ${pressTime.toFixed(1)} ms, the long ones in ${Math.max(...attackTimes).toFixed(1)} ms at most`,
    );
    console.log(`  event loop delay max ${ms(loop.max)} ms, p99 ${ms(loop.percentile(99))} ms`);
  } finally {
    await new Promise((r) => server.close(r));
    await h.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runCorpusBench();
