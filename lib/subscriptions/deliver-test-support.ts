import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import os from "node:os";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import type { Database } from "@/db/client";
import { subscriptionMessages } from "@/db/schema";
import { createApiClient } from "@/lib/auth/api-clients";
import type { ClientCaller } from "@/lib/auth/caller";
import { createSubscriptionBodySchema } from "./contract";
import { enqueueSubscriptionMessages } from "./queue";
import { createSubscription } from "./save-subscription";
import type { ResolveHost } from "./webhook-url";

// A real webhook receiver on 127.0.0.1 for the delivery tests: it checks every request's signature
// with the Standard Webhooks library against the secrets the test gives it, and answers as told.

export type ReceivedWebhook = {
  /** The TLS server name the sender asked for (SNI); undefined over plain http. */
  servername?: string;
  path: string;
  host: string | undefined;
  id: string;
  timestamp: string;
  signature: string;
  contentType: string | undefined;
  body: string;
  /** Per secret the receiver knows: whether the request verified with that secret alone. */
  verifiedWith: boolean[];
};

export type Answer = { status: number; body?: string; headers?: Record<string, string>; delayMs?: number };

export type Receiver = {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Which secrets each request is verified against (newest first). */
  secrets: string[];
  answer: (request: ReceivedWebhook, index: number) => Answer;
  close(): Promise<void>;
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function verifies(secret: string, body: string, headers: Record<string, string>): boolean {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

/** A certificate and key for one host name, made by openssl for a test and valid for a day. */
export function selfSignedCertificate(hostname: string): { cert: string; key: string } {
  const directory = mkdtempSync(path.join(os.tmpdir(), "webhook-tls-"));
  try {
    const [keyFile, certFile] = [path.join(directory, "key.pem"), path.join(directory, "cert.pem")];
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"]
        .concat(["-subj", `/CN=${hostname}`, "-addext", `subjectAltName=DNS:${hostname}`])
        .concat(["-keyout", keyFile, "-out", certFile]),
      { stdio: "ignore" },
    );
    return { cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8") };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** A receiver on 127.0.0.1: plain http, or https with the given certificate. */
export async function startReceiver({
  port = 0,
  tls,
}: { port?: number; tls?: { cert: string; key: string } } = {}): Promise<Receiver> {
  const receiver: Receiver = {
    url: "",
    port: 0,
    received: [],
    secrets: [],
    answer: () => ({ status: 204 }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    void readBody(request).then((body) => {
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const signed = {
        "webhook-id": header("webhook-id") ?? "",
        "webhook-timestamp": header("webhook-timestamp") ?? "",
        "webhook-signature": header("webhook-signature") ?? "",
      };
      const received: ReceivedWebhook = {
        path: request.url ?? "",
        host: header("host"),
        id: signed["webhook-id"],
        timestamp: signed["webhook-timestamp"],
        signature: signed["webhook-signature"],
        contentType: header("content-type"),
        body,
        verifiedWith: receiver.secrets.map((secret) => verifies(secret, body, signed)),
        servername: tls ? (request.socket as TLSSocket).servername || undefined : undefined,
      };
      const index = receiver.received.push(received) - 1;
      const answer = receiver.answer(received, index);
      setTimeout(() => {
        if (response.destroyed) return;
        response.writeHead(answer.status, answer.headers ?? {});
        response.end(answer.body ?? "");
      }, answer.delayMs ?? 0);
    });
  };
  const server: Server = tls ? createTlsServer(tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `${tls ? "https" : "http"}://127.0.0.1:${receiver.port}/hook`;
  return receiver;
}

export async function subscriber(db: Database): Promise<ClientCaller> {
  const { client } = await createApiClient(db, {
    name: `subscriber-${randomUUID().slice(0, 8)}`,
    scopes: ["subscriptions:manage"],
  });
  return { kind: "client", id: client.id, name: client.name, scopes: client.scopes };
}

/** A webhook subscription through the same code as POST /api/v1/subscriptions; returns its id and secret. */
export async function subscribeWebhook(
  db: Database,
  url: string,
  { contactEmails = ["ops@fibre.example"], resolve }: { contactEmails?: string[]; resolve?: ResolveHost } = {},
): Promise<{ id: string; secret: string }> {
  const caller = await subscriber(db);
  const created = await createSubscription(
    db,
    caller,
    createSubscriptionBodySchema.parse({
      eventType: "notification.created",
      contactEmails,
      notificationChannels: { webhook: { url } },
    }),
    { allowPrivate: true, resolve },
  );
  return { id: created.id, secret: created.secret! };
}

/** Stores messages for a subscription as the publisher does, and queues them in the same transaction. */
export async function publishMessages(
  db: Database,
  subscriptionId: string,
  count: number,
  channel: "webhook" | "email" = "webhook",
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(subscriptionMessages)
      .values(
        Array.from({ length: count }, (_, index) => ({
          subscriptionId,
          channel,
          eventType: "notification.created",
          eventId: randomUUID(),
          payload: {
            type: "notification.created",
            timestamp: new Date().toISOString(),
            data: { notificationId: randomUUID(), message: `Boiler repair £${index} – “booked”`, index },
          },
        })),
      )
      .returning({ id: subscriptionMessages.id });
    const ids = rows.map((row) => row.id);
    await enqueueSubscriptionMessages(
      tx,
      ids.map((messageId) => ({ messageId })),
    );
    return ids;
  });
}
