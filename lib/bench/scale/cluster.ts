import { startAppServer, type AppServer } from "../support/app-server";
import { progress } from "../support/progress";
import { startWorker, type ClusterProcess } from "@/lib/runtime/testing/cluster-processes";

// The bench's cluster: app replicas (`node lib/cli/start.mjs`, the production build) on fixed
// ports, so a killed one comes back where the balancer expects it, and `npm run worker` processes.

export type Cluster = {
  replicas: AppServer[];
  workers: ClusterProcess[];
  /** SIGKILLs replica `index` (its whole process group) and starts it again on the same port. */
  crashReplica: (index: number) => Promise<void>;
  restartReplica: (index: number) => Promise<void>;
  crashWorker: (index: number) => Promise<void>;
  restartWorker: (index: number) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startCluster(options: {
  ports: number[];
  workers: number;
  env: Record<string, string>;
}): Promise<Cluster> {
  const env = { ...options.env, WORKERS_IN_APP: "false" };
  const startReplica = (port: number) => startAppServer({ port, env });
  // One at a time: each start compiles and warms the same build, and together they would time out on 2 cores.
  const replicas: AppServer[] = [];
  for (const port of options.ports) replicas.push(await startReplica(port));
  // A worker that dies on its own would stall every delivery; say so at once, with its last words.
  const crashing = new Set<ClusterProcess>();
  const watched = async () => {
    const worker = await startWorker(env);
    void worker.exited.then(() => {
      if (!crashing.has(worker))
        progress(
          `worker ${worker.child.pid} exited by itself (${worker.child.exitCode ?? worker.child.signalCode}):\n${worker.output().slice(-3000)}`,
        );
    });
    return worker;
  };
  const workers = await Promise.all(Array.from({ length: options.workers }, watched));
  progress(`${replicas.length} replicas and ${workers.length} workers are up`);
  return {
    replicas,
    workers,
    crashReplica: async (index) => {
      replicas[index]!.signal("SIGKILL");
      await replicas[index]!.exited;
    },
    restartReplica: async (index) => {
      replicas[index] = await startReplica(replicas[index]!.port);
    },
    crashWorker: (index) => {
      crashing.add(workers[index]!);
      return workers[index]!.stop("SIGKILL");
    },
    restartWorker: async (index) => {
      workers[index] = await watched();
    },
    stop: async () => {
      for (const worker of workers) crashing.add(worker);
      await Promise.all(replicas.map((replica) => replica.stop()));
      await Promise.all(workers.map((worker) => worker.stop("SIGTERM")));
    },
  };
}
