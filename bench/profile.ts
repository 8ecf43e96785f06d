// Sums a V8 CPU profile (node --cpu-prof) by function: where the service's time goes, self time first.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function place(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/node_modules\//, "").replace(/^.*\/wt\/[^/]+\//, "");
  return `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
}

/** Prints the top functions by self time and by package (node_modules folder, our code, Node itself). */
export function summariseProfile(path: string, top = 25): void {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    total += delta;
    const key = place(node);
    self.set(key, (self.get(key) ?? 0) + delta);
    const url = node.callFrame.url;
    const pkg = url.includes("/node_modules/")
      ? url.replace(/^.*\/node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1")
      : url.startsWith("node:")
        ? "node"
        : url === ""
          ? node.callFrame.functionName.startsWith("(")
            ? node.callFrame.functionName
            : "native"
          : "ours";
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + delta);
  });
  const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)} %`;
  console.log(`\nCPU profile ${path.split("/").pop()}: ${(total / 1e6).toFixed(1)} s sampled`);
  console.log("by package:");
  for (const [pkg, v] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${pct(v)}  ${pkg}`);
  console.log("by function (self time):");
  for (const [key, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${pct(v)}  ${key}`);
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2]) summariseProfile(process.argv[2]);
