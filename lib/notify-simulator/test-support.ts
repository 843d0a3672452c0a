import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { NotifyClient } from "notifications-node-client";
import { onTestFinished } from "vitest";
import { createNotifyClient, NotifyError } from "@/lib/notify/client";
import type { NotifySimulatorOptions } from "./options";
import { startNotifySimulator, type NotifySimulator } from "./server";
import { notifyTemplateIds } from "./templates";

// Helpers for the simulator's tests: a simulator on a random port with both the app's client
// wrapper and the raw notifications-node-client pointed at it, a clock tests can move, and a
// small HTTP server that records delivery-status callbacks. Call them inside a test: what they
// start is closed when that test finishes, so no test file needs its own clean-up.

export type TestSimulator = {
  simulator: NotifySimulator;
  notify: ReturnType<typeof createNotifyClient>;
  raw: NotifyClient;
  serviceId: string;
  secret: string;
  /** Raw HTTP with a valid token, for requests the client cannot make (bad JSON, unknown fields). */
  requestAsService: (path: string, init?: { method?: string; body?: string }) => ReturnType<typeof rawRequest>;
};

export async function startTestSimulator(options: Partial<NotifySimulatorOptions> = {}): Promise<TestSimulator> {
  const serviceId = options.serviceId ?? randomUUID();
  const secret = options.apiKeySecret ?? randomUUID();
  const simulator = await startNotifySimulator({ onError: () => {}, ...options, serviceId, apiKeySecret: secret });
  onTestFinished(() => simulator.close());
  return {
    simulator,
    notify: createNotifyClient({ apiKey: simulator.apiKey, baseUrl: simulator.url }),
    raw: new NotifyClient(simulator.url, simulator.apiKey),
    serviceId,
    secret,
    requestAsService: (path, init = {}) =>
      rawRequest(simulator.url, path, {
        ...init,
        authorization: `Bearer ${signToken({ iss: serviceId, iat: nowInSeconds() }, secret)}`,
      }),
  };
}

/** The NotifyError a call failed with; fails the test when the call succeeded. */
export async function failureOf(call: Promise<unknown>): Promise<NotifyError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof NotifyError) return error;
    throw error;
  }
  throw new Error("Expected the Notify call to fail, but it succeeded");
}

/** The body Notify answered a failing notifications-node-client call with; fails the test when the call succeeded. */
export async function rawFailureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    const response = (error as { response?: { data: unknown } }).response;
    if (response) return response.data;
    throw error;
  }
  throw new Error("Expected the Notify call to fail, but it succeeded");
}

export type ManualClock = { now(): number; advance(milliseconds: number): void };

export function manualClock(start = Date.now()): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}

/** An HS256 JWT signed by hand, for the cases the real client never sends. */
export function signToken(
  payload: Record<string, unknown>,
  secret: string,
  algorithm: "HS256" | "HS512" = "HS256",
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const signedPart = `${encode({ alg: algorithm, typ: "JWT" })}.${encode(payload)}`;
  const signature = createHmac(algorithm === "HS256" ? "sha256" : "sha512", secret)
    .update(signedPart)
    .digest("base64url");
  return `${signedPart}.${signature}`;
}

export function nowInSeconds(): number {
  return Math.round(Date.now() / 1000);
}

/** Raw HTTP to the simulator, for requests the client cannot make (no auth header, bad JSON). */
export async function rawRequest(
  baseUrl: string,
  path: string,
  init: { method?: string; authorization?: string; body?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (init.authorization !== undefined) headers.Authorization = init.authorization;
  const response = await fetch(`${baseUrl}${path}`, { method: init.method ?? "GET", headers, body: init.body });
  return { status: response.status, body: (await response.json()) as unknown };
}

export type ReceivedCallback = { headers: IncomingHttpHeaders; body: Record<string, unknown> };

/**
 * Records POSTed callbacks. `statuses` are answered in turn (then 200), to exercise retries;
 * `waitFor(n)` resolves once n callbacks have arrived.
 */
export async function startCallbackReceiver(statuses: number[] = []) {
  const received: ReceivedCallback[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body: JSON.parse(text) as Record<string, unknown> });
      response.writeHead(statuses.shift() ?? 200).end();
      for (const waiter of waiters.filter((candidate) => received.length >= candidate.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const receiver = {
    url: `http://127.0.0.1:${port}/notify-callbacks`,
    received,
    waitFor: (count: number) =>
      new Promise<void>((resolve) => (received.length >= count ? resolve() : waiters.push({ count, resolve }))),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  onTestFinished(() => receiver.close());
  return receiver;
}

/** Personalisation that fills every catalogue email template. */
export const emailPersonalisation = {
  recipient_name: "Sam Patel",
  title: "Flat 4, Rose Court",
  summary: "The annual gas safety check is due.",
  urgent: "no",
  action_url: "https://housing.example.gov.uk/activity/tenure/T-1",
};

export const smsPersonalisation = {
  title: "Flat 4, Rose Court",
  urgent: "no",
  action_url: "https://housing.example.gov.uk/a/1",
};

export const letterPersonalisation = {
  address_line_1: "Sam Patel",
  address_line_2: "Flat 4, Rose Court",
  address_line_3: "London",
  postcode: "n1 9gu",
  recipient_name: "Sam Patel",
  property: "Flat 4, Rose Court",
  visit_date: "3 March",
  work: "service the boiler",
  summary: "It takes about an hour.",
};

export const templates = {
  email: notifyTemplateIds.email.visitDue!,
  sms: notifyTemplateIds.sms.visitDue!,
  letter: notifyTemplateIds.letter.visitDue,
};

/** A local port nothing listens on, for network-error cases. */
export async function unusedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 1;
}
