import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { buildSimulatorApiKey } from "./api-keys";
import { createCallbackDispatcher, type CallbackAttempt, type CallbackOptions } from "./callbacks";
import type { RouteResponse, SimulatorContext } from "./context";
import { internalServerError, methodNotAllowedError, SimulatorHttpError, urlNotFoundError } from "./errors";
import { createFailureSwitch, type FailureRate } from "./failure-switch";
import { authenticate } from "./jwt";
import { serviceSettings, type NotifySimulatorOptions } from "./options";
import {
  createDailyLimitCounter,
  createRateLimiter,
  defaultDailyLimits,
  defaultRateLimit,
  type RateLimit,
} from "./rate-limit";
import { applyRetention } from "./record-notification";
import { matchRoute } from "./routes";
import { precompiledLetterTemplate } from "./templates";
import { defaultTiming } from "./status-progression";
import { createMemoryStore, type NotificationStore } from "./store";
import { createTemplateCatalogue } from "./template-catalogue";
import { catalogueTemplates } from "./templates";
import { systemClock } from "./time";

// A local stand-in for GOV.UK Notify's v2 API: a plain node:http server that the real
// notifications-node-client talks to exactly as it would to api.notifications.service.gov.uk.

export type NotifySimulator = {
  /** The base URL to give the client, without a trailing slash. */
  url: string;
  port: number;
  serviceId: string;
  /** An API key in Notify's format for `apiKeySecret`. */
  apiKey: string;
  store: NotificationStore;
  setFailure(rate: FailureRate | null): void;
  setCallback(callback: CallbackOptions | null): void;
  setRateLimit(limit: RateLimit): void;
  /** Sends callbacks that are due by the clock's time; useful with a test clock. */
  dispatchDueCallbacks(): void;
  /** Resolves when no callback is being sent or waiting for a retry. */
  callbacksIdle(): Promise<void>;
  readonly callbackAttempts: readonly CallbackAttempt[];
  close(): Promise<void>;
};

const maxBodyBytes = 12 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBodyBytes)
      throw new SimulatorHttpError(413, { result: "error", message: "Request entity too large" });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function dispatch(context: SimulatorContext, request: IncomingMessage, rawBody: string): RouteResponse {
  const url = new URL(`http://simulator${request.url ?? "/"}`);
  const match = matchRoute(request.method ?? "GET", url.pathname);
  if (match === "not-found") throw urlNotFoundError();
  if (match === "method-not-allowed") throw methodNotAllowedError();
  applyRetention(context);
  context.callbacks.dispatchDue();
  const now = context.clock.now();
  const key = authenticate(request.headers.authorization, context.service, now);
  context.failureSwitch.apply(key.type, context.rateLimiter.limit);
  if (match.route.rateLimited) {
    context.rateLimiter.take(context.service.serviceId, key.type, now);
    const type = match.params[0];
    if (key.type !== "test" && (type === "email" || type === "sms" || type === "letter"))
      context.dailyLimits.check(type, now);
  }
  return match.route.handle(context, { url, params: match.params, keyType: key.type, rawBody });
}

function send(response: ServerResponse, result: RouteResponse): void {
  if ("pdf" in result) {
    response.writeHead(result.status, { "Content-Type": "application/pdf", "Content-Length": result.pdf.length });
    response.end(result.pdf);
    return;
  }
  const body = JSON.stringify(result.json);
  response.writeHead(result.status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  response.end(body);
}

export async function startNotifySimulator(options: NotifySimulatorOptions): Promise<NotifySimulator> {
  const clock = options.clock ?? systemClock;
  const service = serviceSettings(options);
  const onError = options.onError ?? ((error: unknown) => console.error("Notify simulator: unexpected error", error));
  let baseUrl = "";
  const context: SimulatorContext = {
    service,
    templates: createTemplateCatalogue([
      ...(options.templates ?? catalogueTemplates),
      precompiledLetterTemplate(service.serviceId),
    ]),
    store: options.store ?? createMemoryStore(),
    clock,
    timing: { ...defaultTiming, ...options.timing },
    rateLimiter: createRateLimiter(options.rateLimit ?? defaultRateLimit),
    dailyLimits: createDailyLimitCounter({ ...defaultDailyLimits, ...options.dailyLimits }),
    callbacks: createCallbackDispatcher(clock, options.callback ?? null),
    failureSwitch: createFailureSwitch(options.failureRate ?? null, options.random),
    baseUrl: () => baseUrl,
  };

  const server = createServer((request, response) => {
    readBody(request)
      .then((rawBody) => dispatch(context, request, rawBody))
      .catch((error: unknown) => {
        if (error instanceof SimulatorHttpError) return { status: error.status, json: error.body };
        onError(error);
        return { status: 500, json: internalServerError().body };
      })
      .then((result) => send(response, result))
      .catch(onError);
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("Notify simulator: not listening on a TCP port");
  const { port } = address;
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url: baseUrl,
    port,
    serviceId: service.serviceId,
    apiKey: buildSimulatorApiKey({ serviceId: service.serviceId, secret: options.apiKeySecret }),
    store: context.store,
    setFailure: (rate) => context.failureSwitch.set(rate),
    setCallback: (callback) => context.callbacks.setTarget(callback),
    setRateLimit: (limit) => context.rateLimiter.setLimit(limit),
    dispatchDueCallbacks: () => context.callbacks.dispatchDue(),
    callbacksIdle: () => context.callbacks.idle(),
    callbackAttempts: context.callbacks.attempts,
    close: () => {
      context.callbacks.close();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
