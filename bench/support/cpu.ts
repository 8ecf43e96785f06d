// CPU time of the process serving a target, read around each round: the server's cost per request, a figure the
// shared machine moves far less than a rate does (a rate also carries the load generator and the scheduler).
import { readFileSync } from "node:fs";

/** Clock ticks a second of /proc/<pid>/stat's utime and stime: 100 on every Linux this bench runs on. */
const TICKS_PER_SECOND = 100;

/** Milliseconds of CPU (user + system) a process has used so far: itself (pid) or, without one, this process. */
export function cpuMs(pid?: number): number {
  if (pid === undefined) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  // Fields after the command's closing parenthesis: state is the 3rd field, utime the 14th, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
