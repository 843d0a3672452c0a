import readline from "node:readline";
import { GET, POST } from "@/app/api/v1/notifications/route";
import { getDatabaseHandle } from "@/db/runtime";

// One "app process" for rate-limit.processes.test.ts: the real route handlers, on the database in
// DATABASE_URL, as a replica would run them. It loads, says "ready", waits for "go" on stdin (so
// both processes send at once), then sends REQUESTS list requests as READER_KEY and NOTIFICATIONS
// creates to RECIPIENT_ID as WRITER_KEY, all concurrently, and prints how each was answered.

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`hit-limits needs ${name}`);
  return value;
};

type Answer = { status: number; retryAfter: string | null };

async function send(handler: typeof GET, init: { key: string; method: string; body?: unknown }): Promise<Answer> {
  const request = new Request("http://127.0.0.1/api/v1/notifications", {
    method: init.method,
    headers: { authorization: `Bearer ${init.key}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const response = await handler(request, { params: Promise.resolve({}) });
  await response.text();
  return { status: response.status, retryAfter: response.headers.get("retry-after") };
}

async function main() {
  const handle = await getDatabaseHandle();
  console.log("ready");
  const lines = readline.createInterface({ input: process.stdin });
  // The test ended without a "go" (the other process failed to start): leave rather than linger.
  const go = await new Promise<boolean>((resolve) => {
    lines.on("line", (line) => line === "go" && resolve(true));
    lines.on("close", () => resolve(false));
  });
  lines.close();
  if (!go) return handle.close();
  const body = { notificationType: "Screen", message: "Shared cap", recipient: { userId: env("RECIPIENT_ID") } };
  const [requests, notifications] = await Promise.all([
    Promise.all(
      Array.from({ length: Number(env("REQUESTS")) }, () => send(GET, { key: env("READER_KEY"), method: "GET" })),
    ),
    Promise.all(
      Array.from({ length: Number(env("NOTIFICATIONS")) }, () =>
        send(POST, { key: env("WRITER_KEY"), method: "POST", body }),
      ),
    ),
  ]);
  console.log(JSON.stringify({ requests, notifications }));
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
