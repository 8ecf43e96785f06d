// `npm run bench`: every benchmark, each comparing against a baseline measured in the same run.
import { runCorpusBench } from "./corpus";
import { runHazardBench } from "./hazards";
import { runWebhookBench } from "./webhook";

await runWebhookBench();
await runHazardBench();
await runCorpusBench();
