// Feishu takes about 5 messages a second per group: the limiter holds the sixth until the window frees.
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../src/feishu/rate-limit";

function clock() {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("RateLimiter", () => {
  it("lets 5 sends to one group through at once and holds the 6th for the rest of the second", async () => {
    const c = clock();
    const limiter = new RateLimiter(5, c.sleep, c.now);
    for (let i = 0; i < 5; i++) await limiter.take("oc_a");
    expect(c.slept).toEqual([]);
    c.advance(200);
    await limiter.take("oc_a");
    expect(c.slept).toEqual([800]);
  });

  it("keeps groups apart", async () => {
    const c = clock();
    const limiter = new RateLimiter(5, c.sleep, c.now);
    for (let i = 0; i < 5; i++) await limiter.take("oc_a");
    for (let i = 0; i < 5; i++) await limiter.take("oc_b");
    expect(c.slept).toEqual([]);
  });

  it("spreads 12 sends over three windows", async () => {
    const c = clock();
    const limiter = new RateLimiter(5, c.sleep, c.now);
    const start = c.now();
    for (let i = 0; i < 12; i++) await limiter.take("oc_a");
    expect(c.now() - start).toBe(2000);
  });
});
