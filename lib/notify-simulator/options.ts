import type { KeyType, SimulatedApiKey } from "./api-keys";
import type { CallbackOptions } from "./callbacks";
import type { ServiceSettings } from "./context";
import type { FailureRate } from "./failure-switch";
import type { DailyLimits, RateLimit } from "./rate-limit";
import type { SimulatorTiming } from "./status-progression";
import type { NotificationStore } from "./store";
import type { SimulatorTemplate } from "./templates";
import type { Clock } from "./time";

export type NotifySimulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  serviceId: string;
  apiKeySecret: string;
  /** The type of the `apiKeySecret` key; `normal` (a live key) unless given. */
  apiKeyType?: KeyType;
  /** More keys for the service, e.g. a test key or a revoked one. */
  extraApiKeys?: SimulatedApiKey[];
  /** Service settings beyond the defaults: all channels allowed, live (not trial), sender "GOVUK". */
  service?: Partial<Omit<ServiceSettings, "serviceId" | "apiKeys">>;
  /** Requests per period for POSTs, per service and key type; Notify's 3000 per 60 s by default. */
  rateLimit?: RateLimit;
  dailyLimits?: Partial<DailyLimits>;
  callback?: CallbackOptions | null;
  failureRate?: FailureRate | null;
  /** Used to pick which requests fail; by default failures are spread evenly (see failure-switch.ts). */
  random?: () => number;
  clock?: Clock;
  timing?: Partial<SimulatorTiming>;
  store?: NotificationStore;
  /** The templates the service has; the catalogue in templates.ts unless given. */
  templates?: readonly SimulatorTemplate[];
  /** Told about unexpected errors (answered 500); console.error unless given. */
  onError?: (error: unknown) => void;
};

export function serviceSettings(options: NotifySimulatorOptions): ServiceSettings {
  return {
    name: "Housing notifications (simulated)",
    archived: false,
    permissions: ["email", "sms", "letter"],
    trialMode: false,
    guestList: [],
    emailSenderLocalPart: "housing.notifications",
    smsSender: "GOVUK",
    emailReplyToIds: [],
    smsSenderIds: {},
    ...options.service,
    serviceId: options.serviceId,
    apiKeys: [
      { secret: options.apiKeySecret, type: options.apiKeyType ?? "normal", name: "simulator" },
      ...(options.extraApiKeys ?? []),
    ],
  };
}
