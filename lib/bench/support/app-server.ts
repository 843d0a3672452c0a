import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { progress } from "./progress";

export type AppServer = {
  baseUrl: string;
  port: number;
  stop: () => Promise<void>;
  /** Sends a signal to the server's process group (start.mjs and next start), e.g. SIGKILL to crash it. */
  signal: (signal: NodeJS.Signals) => void;
  /** Resolves once start.mjs has exited. */
  exited: Promise<void>;
};

export type StartAppServerOptions = {
  port: number;
  /** Added to this process's environment. */
  env: Record<string, string>;
  /** How long to wait for /api/v1/health to answer 200. */
  readyTimeoutMs?: number;
};

// Every server still running, so an error or Ctrl-C anywhere still stops them all.
const running = new Set<ChildProcess>();

/** Starts the production server with `node lib/cli/start.mjs` in its own process group and waits until it is healthy. */
export async function startAppServer(options: StartAppServerOptions): Promise<AppServer> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  // Something already answering would be measured instead of our server, silently.
  if (await isHealthy(baseUrl)) throw new Error(`Port ${options.port} is already serving an app: stop it first`);

  const child = spawn(process.execPath, [path.join(process.cwd(), "lib", "cli", "start.mjs")], {
    cwd: process.cwd(),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env, PORT: String(options.port) },
    // Its own group: start.mjs runs `next start` as a child, and stopping must reach both.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", (chunk: Buffer) => {
    keep(chunk);
    process.stderr.write(`[app:${options.port}] ${chunk.toString()}`);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => running.delete(child));

  const server: AppServer = {
    baseUrl,
    port: options.port,
    stop: () => stopProcessGroup(child, exited),
    signal: (signal) => signalGroup(child, signal),
    exited,
  };
  try {
    await waitUntilHealthy(baseUrl, child, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output.join("")}`, { cause: error });
  }
  progress(`app is up on ${baseUrl}`);
  return server;
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The app exited while starting (${child.exitCode ?? child.signalCode})`);
    if (await isHealthy(baseUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not answer ${baseUrl}/api/v1/health within ${timeoutMs / 1000} s`);
}

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function stopProcessGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (!running.has(child)) return;
  signalGroup(child, "SIGTERM");
  const gone = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
  ]);
  if (!gone) {
    signalGroup(child, "SIGKILL");
    await exited;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is already gone.
  }
}

// Last resort when the benchmark dies without reaching its cleanup: never leave a server holding the port.
process.once("exit", () => {
  for (const child of running) signalGroup(child, "SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const child of running) signalGroup(child, "SIGKILL");
    process.exit(130);
  });
}
