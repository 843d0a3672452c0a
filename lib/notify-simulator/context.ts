import type { KeyType, SimulatedApiKey } from "./api-keys";
import type { CallbackDispatcher } from "./callbacks";
import { badRequestError } from "./errors";
import type { FailureSwitch } from "./failure-switch";
import type { DailyLimitCounter, RateLimiter } from "./rate-limit";
import type { SimulatorTiming } from "./status-progression";
import type { NotificationStore } from "./store";
import type { TemplateCatalogue } from "./template-catalogue";
import type { Clock } from "./time";

/** The simulated Notify service's settings. */
export type ServiceSettings = {
  serviceId: string;
  name: string;
  archived: boolean;
  /** Which channels the service may send; Notify answers "Service is not allowed to send …" otherwise. */
  permissions: readonly ("email" | "sms" | "letter")[];
  /** A trial service only sends to its guest list (and test keys send anywhere). */
  trialMode: boolean;
  /** Team members and guest list: who team keys (and live keys in trial mode) may send to. */
  guestList: readonly string[];
  /** `content.from_email` is `{emailSenderLocalPart}@notifications.service.gov.uk`. */
  emailSenderLocalPart: string;
  /** `content.from_number` when no `sms_sender_id` is given. */
  smsSender: string;
  emailReplyToIds: readonly string[];
  /** `sms_sender_id` → sender text. */
  smsSenderIds: Readonly<Record<string, string>>;
  apiKeys: readonly SimulatedApiKey[];
};

/** Everything a route needs; one per running simulator. */
export type SimulatorContext = {
  service: ServiceSettings;
  templates: TemplateCatalogue;
  store: NotificationStore;
  clock: Clock;
  timing: SimulatorTiming;
  rateLimiter: RateLimiter;
  dailyLimits: DailyLimitCounter;
  callbacks: CallbackDispatcher;
  failureSwitch: FailureSwitch;
  baseUrl(): string;
};

export type RouteRequest = {
  url: URL;
  /** The route pattern's captured path segments, URL-decoded. */
  params: string[];
  keyType: KeyType;
  rawBody: string;
};

export type RouteResponse = { status: number; json: unknown } | { status: number; pdf: Buffer };

export type RouteHandler = (context: SimulatorContext, request: RouteRequest) => RouteResponse;

/** `request.get_json(force=True)`: the Content-Type is ignored; an empty body counts as invalid. */
export function parseJsonBody(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw badRequestError("Invalid JSON supplied in POST data");
  }
}
