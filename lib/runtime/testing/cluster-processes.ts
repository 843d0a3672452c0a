import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

// Child processes for scale-out.processes.test.ts: app replicas (serve-route-handlers.ts) and
// delivery workers (npm run worker's lib/cli/worker.ts), each one process (tsx as a loader, not
// its CLI, whose extra child a SIGKILL would miss), ready once it says so on stdout.

const root = path.resolve(import.meta.dirname, "../../..");

export type ClusterProcess = {
  child: ChildProcess;
  /** The app's port (0 for a worker). */
  port: number;
  exited: Promise<void>;
  /** What it wrote to stdout and stderr, for a failure message. */
  output: () => string;
  /** Sends `signal` and resolves once the process has gone. */
  stop: (signal: NodeJS.Signals) => Promise<void>;
};

function startProcess(script: string, env: Record<string, string>, ready: RegExp): Promise<ClusterProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match)
        resolve({
          child,
          port: Number(match[1] ?? 0),
          exited,
          output: () => output,
          stop: async (signal) => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
    });
    void exited.then(() => reject(new Error(`${script} exited before it was ready:\n${output.slice(-3000)}`)));
  });
}

/** An app replica: the real inbox route handlers over node:http on `port` (0: any free port). */
export function startAppReplica(env: Record<string, string>, port = 0): Promise<ClusterProcess> {
  return startProcess(
    "lib/runtime/testing/serve-route-handlers.ts",
    { ...env, REPLICA_PORT: String(port), WORKERS_IN_APP: "false" },
    /listening (\d+)\n/,
  );
}

/** A delivery worker, as `npm run worker` runs it. */
export function startWorker(env: Record<string, string>): Promise<ClusterProcess> {
  return startProcess("lib/cli/worker.ts", env, /delivery worker ready\n/);
}
