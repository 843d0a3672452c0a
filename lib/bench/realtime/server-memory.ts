import fs from "node:fs";

type ProcessEntry = { pid: number; parentPid: number; groupId: number; command: string };

/**
 * The pid of the app server's `next-server` process. startAppServer runs `lib/cli/start.mjs` as
 * the leader of its own process group (a direct child of this process), and Next.js names its
 * server process next-server; the group tells it apart from anything else on the machine.
 */
export function findNextServerPid(): number {
  const processes = listProcesses();
  const groupIds = new Set(
    processes
      .filter((entry) => entry.parentPid === process.pid && entry.groupId === entry.pid)
      .map((entry) => entry.pid),
  );
  if (groupIds.size !== 1)
    throw new Error(`Expected one app server process group under this process, found ${groupIds.size}`);
  const members = processes.filter((entry) => groupIds.has(entry.groupId));
  const server =
    members.find((entry) => entry.command.startsWith("next-server")) ??
    members.find((entry) => /\bnext\b.*\bstart\b/.test(entry.command));
  if (!server)
    throw new Error(
      `No next-server in the app's process group: ${members.map((entry) => `${entry.pid} ${entry.command}`).join("; ")}`,
    );
  return server.pid;
}

/** Resident set size in MB, from /proc/<pid>/status (Linux). */
export function residentMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`No VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

function listProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name is in parentheses and may itself contain spaces or parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const command = fs.readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      entries.push({ pid: Number(name), parentPid: Number(fields[1]), groupId: Number(fields[2]), command });
    } catch {
      // The process ended while we looked.
    }
  }
  return entries;
}
