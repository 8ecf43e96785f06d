// Test settings: the defaults, with room for a loaded machine. Most tests start the whole bot (a database file
// migrated from scratch, the fake Open API, HTTP round trips); on a busy 2-core machine a heavy one (a year's
// summary over a seeded ledger) took 5.2 s against vitest's 5 s default and failed for want of time alone. A test
// that hangs still fails, later.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
