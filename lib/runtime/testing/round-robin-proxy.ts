import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A load balancer in miniature for scale-out tests and bench:scale: each request goes to the next
// replica in turn; responses stream through as they are written (Server-Sent Events included), and
// a replica that refuses the connection (killed, restarting) is skipped for the next one, as a
// balancer's health check would. Request bodies are small JSON and are read whole first, so a
// refused connection can be retried elsewhere without having consumed the body. 127.0.0.1 only.

export type RoundRobinProxy = {
  url: string;
  /** How many requests each replica was handed (by base URL), for the report. */
  handled: Map<string, number>;
  close: () => Promise<void>;
};

const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"]);

export async function startRoundRobinProxy(replicaUrls: string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const handled = new Map(replicaUrls.map((url) => [url, 0]));

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer, triesLeft: number) => {
    const target = new URL(replicaUrls[next++ % replicaUrls.length]!);
    const headers = Object.fromEntries(Object.entries(incoming.headers).filter(([name]) => !hopByHop.has(name)));
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers },
      (answer) => {
        handled.set(target.origin, (handled.get(target.origin) ?? 0) + 1);
        const answerHeaders = Object.fromEntries(
          Object.entries(answer.headers).filter(([name]) => !hopByHop.has(name)),
        );
        outgoing.writeHead(answer.statusCode ?? 502, answerHeaders);
        outgoing.flushHeaders();
        answer.pipe(outgoing);
        answer.once("error", () => outgoing.destroy());
        // The replica died mid-answer: the client sees the connection end, as behind a real balancer.
        answer.once("aborted", () => outgoing.destroy());
      },
    );
    outgoing.once("close", () => upstream.destroy());
    upstream.once("error", (error: NodeJS.ErrnoException) => {
      if (outgoing.headersSent) return void outgoing.destroy();
      if (error.code === "ECONNREFUSED" && triesLeft > 1) return forward(incoming, outgoing, body, triesLeft - 1);
      outgoing.writeHead(502, { "content-type": "text/plain" }).end(`bad gateway: ${error.code ?? error.message}`);
    });
    upstream.end(body);
  };

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => forward(incoming, outgoing, Buffer.concat(chunks), replicaUrls.length));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handled,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
