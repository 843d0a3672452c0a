import { randomBytes } from "node:crypto";
import { getSettings, type NotifySettings } from "@/lib/config/settings";
import { processSingleton } from "@/lib/runtime/process-singleton";
import { createNotifyClient, type NotifyApiClient } from "./client";
import {
  buildSimulatorApiKey,
  catalogueTemplates,
  startNotifySimulator,
  withLoadedTemplates,
  type NotifySimulator,
} from "@/lib/notify-simulator";

/** One configured GOV.UK Notify service: the name callers use, and the key that stays server-side. */
export type NotifyService = { key: string; apiKey: string; baseUrl?: string };

export type NotifyMode = { kind: "real" } | { kind: "simulator"; simulator: NotifySimulator };

/** `callbackToken`: the bearer token Notify's delivery-status callbacks must carry; null accepts none. */
type Registry = { mode: NotifyMode; services: Map<string, NotifyService>; callbackToken: string | null };

// The simulator's fixed identity: its keys are only ever valid against this process's simulator.
const simulatorServiceId = "6e1b6d7c-2c7e-4f53-9d4b-5a8c0b9d2f10";

/**
 * Real Notify when NOTIFY_API_KEY is set: that key serves the first configured service and
 * NOTIFY_API_KEY_<SERVICE> (upper-cased, dashes as underscores) any other. Otherwise one local
 * simulator, started on first use, serves every configured service.
 */
async function createRegistry({ services: keys, connection }: NotifySettings): Promise<Registry> {
  if (connection.kind === "real") {
    // Every service's key was required at start-up (lib/config/requirements.ts).
    const services = connection.apiKeys.map(({ service: key, apiKey }) => ({
      key,
      apiKey,
      baseUrl: connection.baseUrl,
    }));
    return {
      mode: { kind: "real" },
      services: new Map(services.map((service) => [service.key, service])),
      callbackToken: connection.callbackToken ?? null,
    };
  }
  const secret = randomBytes(18).toString("hex").slice(0, 36);
  // The simulator calls this app back, as Notify would, with a token made for this process unless one is set.
  const callbackToken = connection.callbackToken ?? randomBytes(24).toString("base64url");
  // NOTIFY_SIMULATOR_TEMPLATES: the service's own templates join the catalogue, with its reply-to and sender ids.
  const file = connection.templateFile;
  const simulator = await startNotifySimulator({
    port: connection.port,
    serviceId: simulatorServiceId,
    apiKeySecret: secret,
    templates: file ? withLoadedTemplates(catalogueTemplates, file.templates) : catalogueTemplates,
    service: file ? { emailReplyToIds: file.emailReplyToIds, smsSenderIds: file.smsSenderIds } : {},
    callback: { url: connection.callbackUrl, bearerToken: callbackToken },
    onError: (error) => console.error("Notify simulator error", error),
  });
  const apiKey = buildSimulatorApiKey({ serviceId: simulatorServiceId, secret });
  return {
    mode: { kind: "simulator", simulator },
    services: new Map(keys.map((key) => [key, { key, apiKey, baseUrl: simulator.url }])),
    callbackToken,
  };
}

// One per process, so Next's separate module graphs (instrumentation, routes) share one simulator.
const processRegistry = processSingleton("notify-registry", () => createRegistry(getSettings().notify));

function registry(): Promise<Registry> {
  return processRegistry.get();
}

/** Whether this process talks to the real Notify or its local simulator (starting the simulator if needed). */
export async function getNotifyMode(): Promise<NotifyMode> {
  return (await registry()).mode;
}

/** The named service, or undefined when no such service is configured. */
export async function findNotifyService(serviceKey: string): Promise<NotifyService | undefined> {
  return (await registry()).services.get(serviceKey);
}

// One client per configured service, built on first use: the client signs a fresh token for every
// request, so sharing it is safe. Keyed by the service object, so re-pointing the registry
// (setNotifyServices) gets new clients.
const clients = new WeakMap<NotifyService, NotifyApiClient>();

/** A service key that names no configured service (e.g. one since taken out of NOTIFY_SERVICES). */
export class UnknownNotifyServiceError extends Error {
  constructor(serviceKey: string) {
    super(`No GOV.UK Notify service called "${serviceKey}" is configured (NOTIFY_SERVICES)`);
    this.name = "UnknownNotifyServiceError";
  }
}

/** The named service; throws UnknownNotifyServiceError for one that is not configured. */
export async function requireNotifyService(serviceKey: string): Promise<NotifyService> {
  const service = await findNotifyService(serviceKey);
  if (!service) throw new UnknownNotifyServiceError(serviceKey);
  return service;
}

/** A Notify client for the named service; throws UnknownNotifyServiceError for one that is not configured. */
export async function notifyClientFor(serviceKey: string): Promise<NotifyApiClient> {
  const service = await requireNotifyService(serviceKey);
  let client = clients.get(service);
  if (!client) {
    client = createNotifyClient({ apiKey: service.apiKey, baseUrl: service.baseUrl });
    clients.set(service, client);
  }
  return client;
}

/** The bearer token delivery-status callbacks must carry, or null when none is configured (real Notify without NOTIFY_CALLBACK_TOKEN). */
export async function getNotifyCallbackToken(): Promise<string | null> {
  return (await registry()).callbackToken;
}

/** The configured services' names. */
export async function listNotifyServiceKeys(): Promise<string[]> {
  return [...(await registry()).services.keys()];
}

/**
 * Points this process at the given services (tests: their own simulator); undefined goes back to the
 * environment. `callbackToken` is what the callback endpoint then accepts.
 */
export function setNotifyServices(
  services: NotifyService[] | undefined,
  mode: NotifyMode = { kind: "real" },
  { callbackToken = null }: { callbackToken?: string | null } = {},
): void {
  processRegistry.set(
    services
      ? Promise.resolve({ mode, services: new Map(services.map((service) => [service.key, service])), callbackToken })
      : undefined,
  );
}

/** Stops the simulator this process started, if any, and forgets the services (shutdown). */
export async function closeNotifyRegistry(): Promise<void> {
  const resolved = await processRegistry.take()?.catch(() => undefined);
  if (resolved?.mode.kind === "simulator") await resolved.mode.simulator.close();
}
