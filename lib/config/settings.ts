import path from "node:path";
import type { SimulatorTemplateFile } from "@/lib/notify-simulator/template-file";
import type { GroupMap } from "./group-map";
import {
  InvalidSettingsError,
  parseVariables,
  setVariables,
  type Environment,
  type VariableValues,
} from "./read-variables";
import { crossFieldProblems } from "./requirements";
import { logLevels, serviceApiKeyVariable, variables } from "./variables";

export { InvalidSettingsError, type Environment } from "./read-variables";

export type LogLevel = (typeof logLevels)[number];

/** The process's configuration, grouped by who uses it. Every field comes from lib/config/variables.ts. */
export type Settings = {
  server: {
    port: number;
    /** NEXTAUTH_URL without a trailing slash, or http://localhost:PORT: where links in messages point. */
    publicUrl: string;
  };
  database: {
    /** The PostgreSQL server; undefined runs the embedded PGlite under dataDir. */
    url: string | undefined;
    dataDir: string;
  };
  auth: {
    secret: string | undefined;
    /** Whether sign-in may build its links from X-Forwarded-Host/-Proto (a proxy in front sets them). */
    trustProxyHeaders: boolean;
    entraId: { clientId: string; clientSecret: string; tenantId: string } | undefined;
    google: { clientId: string; clientSecret: string } | undefined;
    /** Lower-cased: a single sign-on with one of these creates an admin if nobody has the email yet. */
    adminEmails: string[];
    /** Identity-provider group → the teams and roles it gives (lib/auth/provision-person.ts). */
    groupMap: GroupMap;
    /** The HS256 secret of the council's gateway tokens; undefined refuses them. */
    hackneyJwtSecret: string | undefined;
  };
  /** Demo sign-in and demo data default to on only for the embedded database: a council server must opt in. */
  demo: { signIn: boolean; seedData: boolean; apiKey: string | undefined };
  logging: { level: LogLevel };
  /** The token Prometheus scrapes GET /metrics with; undefined: there are no metrics (404). */
  monitoring: { metricsToken: string | undefined };
  limits: {
    requestsPerMinutePerClient: number;
    requestsPerMinutePerPerson: number;
    notificationsPerHourPerRecipient: number;
  };
  /** Origins whose browser pages may call the API (lib/http/cors.ts); empty sends no CORS headers. */
  cors: { origins: string[] };
  /** Whether create requests may carry an email address, mobile number or postal address (seed 004 says not). */
  recipients: { allowRaw: boolean };
  notify: NotifySettings;
  delivery: DeliverySettings;
  /** How far back a posted activity may date itself (a later date than now is refused regardless). */
  activity: { maxBackdateDays: number };
  /** Retention of personal details in notifications, deliveries and documents (lib/personal-data/retention.ts). */
  personalData: { retentionDays: number; retentionBatchSize: number };
  /** Subscriptions' webhooks (issue 13): the key their signing secrets are encrypted under, and the SSRF rule. */
  webhooks: { secretsKey: Buffer | undefined; allowPrivate: boolean };
};

export type NotifySettings = {
  /** The names callers may give as `serviceKey`; the first is the default (and the preference copies'). */
  services: string[];
  connection: RealNotify | SimulatedNotify;
};

/** The real GOV.UK Notify (NOTIFY_API_KEY set). */
export type RealNotify = {
  kind: "real";
  /** Each service's key: NOTIFY_API_KEY for the first, NOTIFY_API_KEY_<SERVICE> for the others. */
  apiKeys: { service: string; apiKey: string }[];
  baseUrl: string | undefined;
  callbackToken: string | undefined;
  /** The council's templates for preference copies: required, never the simulator's ids. */
  preferenceTemplates: { email: string; sms: string };
  /** The council's text template whose whole content is `((message))` (POST /api/v1/sms). */
  freeTextSmsTemplate: string;
  /** The council's email template for daily digests. */
  digestEmailTemplate: string;
  /** The council's email template for subscriptions' emails and notices (fields `subject`, `body`). */
  subscriptionEmailTemplate: string;
};

/** The local simulator, started in this process (NOTIFY_API_KEY unset). */
export type SimulatedNotify = {
  kind: "simulator";
  /** 0: a random free port. */
  port: number;
  callbackUrl: string;
  /** undefined: a token made for this process. */
  callbackToken: string | undefined;
  /** undefined: the simulator catalogue's template for the notification's category. */
  preferenceTemplates: { email: string | undefined; sms: string | undefined };
  /** undefined: the simulator catalogue's free-text template. */
  freeTextSmsTemplate: string | undefined;
  /** undefined: the simulator catalogue's digest template. */
  digestEmailTemplate: string | undefined;
  /** undefined: the simulator catalogue's subscription template. */
  subscriptionEmailTemplate: string | undefined;
  /** NOTIFY_SIMULATOR_TEMPLATES, read and checked: the service's own templates, reply-to and sender ids. */
  templateFile: SimulatorTemplateFile | undefined;
};

export type DeliverySettings = {
  /** Whether this process runs send workers; false leaves them to `npm run worker`. */
  workersInApp: boolean;
  /** Requests a minute each Notify service accepts (Notify's default 3000); the dispatcher keeps under it. */
  rateLimitPerMinute: number;
  /** pg-boss retries of a send that failed with 5xx, 429 or a network error. */
  retryLimit: number;
  /** First retry delay in seconds; doubled each time with jitter, up to retryDelayMaxSeconds. */
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /** How long one send may run before pg-boss hands the job to another worker. */
  jobTimeoutSeconds: number;
  /** Sends a process runs at once. */
  concurrency: number;
  /** A message Notify holds gets its status polled once this many minutes pass without a callback. */
  pollAfterMinutes: number;
  /** A letter's first status poll comes this many minutes after sending; later ones back off (poll-statuses.ts). */
  letterFirstPollMinutes: number;
  /** How often pg-boss's monitor returns jobs whose worker died to the queue. */
  superviseIntervalSeconds: number;
  /** The queue's own PostgreSQL connections in each process. */
  queueConnections: number;
  /** How often `npm run worker` looks for due jobs (retries and scheduled sends). */
  workerPollIntervalSeconds: number;
};

/**
 * Reads the settings from an environment (pure: tests pass their own). Throws one
 * InvalidSettingsError naming every bad variable, with the reason and (unless secret) the value.
 */
export function readSettings(environment: Environment): Settings {
  const set = setVariables(environment);
  const parsed = parseVariables(set);
  const problems = [...("problems" in parsed ? parsed.problems : []), ...crossFieldProblems(set)];
  if ("problems" in parsed || problems.length > 0) throw new InvalidSettingsError(problems);
  return groupSettings(parsed.values, set);
}

function groupSettings(env: VariableValues, set: Record<string, string>): Settings {
  const embedded = env.DATABASE_URL === undefined;
  return {
    server: {
      port: env.PORT,
      publicUrl: (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    },
    database: { url: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR) },
    auth: {
      secret: env.AUTH_SECRET,
      trustProxyHeaders: env.TRUST_PROXY_HEADERS,
      entraId:
        env.AUTH_MICROSOFT_ENTRA_ID_ID && env.AUTH_MICROSOFT_ENTRA_ID_SECRET && env.AUTH_MICROSOFT_ENTRA_ID_TENANT_ID
          ? {
              clientId: env.AUTH_MICROSOFT_ENTRA_ID_ID,
              clientSecret: env.AUTH_MICROSOFT_ENTRA_ID_SECRET,
              tenantId: env.AUTH_MICROSOFT_ENTRA_ID_TENANT_ID,
            }
          : undefined,
      google:
        env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET
          ? { clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }
          : undefined,
      adminEmails: env.ADMIN_EMAILS ?? [],
      groupMap: env.SSO_GROUP_MAP ?? {},
      hackneyJwtSecret: env.HACKNEY_JWT_SECRET,
    },
    demo: { signIn: env.AUTH_DEMO ?? embedded, seedData: env.SEED_DEMO_DATA ?? embedded, apiKey: env.DEMO_API_KEY },
    logging: { level: logLevelOf(env) },
    monitoring: { metricsToken: env.METRICS_TOKEN },
    limits: {
      requestsPerMinutePerClient: env.RATE_LIMIT_PER_MINUTE,
      requestsPerMinutePerPerson: env.PERSON_RATE_LIMIT_PER_MINUTE,
      notificationsPerHourPerRecipient: env.RECIPIENT_LIMIT_PER_HOUR,
    },
    cors: { origins: env.CORS_ORIGINS },
    recipients: { allowRaw: env.ALLOW_RAW_RECIPIENTS },
    notify: { services: env.NOTIFY_SERVICES, connection: notifyConnection(env, set) },
    delivery: {
      workersInApp: env.WORKERS_IN_APP,
      rateLimitPerMinute: env.NOTIFY_RATE_LIMIT_PER_MINUTE,
      retryLimit: env.DELIVERY_RETRY_LIMIT,
      retryDelaySeconds: env.DELIVERY_RETRY_DELAY_SECONDS,
      retryDelayMaxSeconds: env.DELIVERY_RETRY_DELAY_MAX_SECONDS,
      jobTimeoutSeconds: env.DELIVERY_JOB_TIMEOUT_SECONDS,
      concurrency: env.DELIVERY_WORKER_CONCURRENCY,
      pollAfterMinutes: env.DELIVERY_POLL_AFTER_MINUTES,
      letterFirstPollMinutes: env.DELIVERY_LETTER_FIRST_POLL_MINUTES,
      superviseIntervalSeconds: env.DELIVERY_SUPERVISE_INTERVAL_SECONDS,
      queueConnections: env.DELIVERY_QUEUE_CONNECTIONS,
      workerPollIntervalSeconds: env.DELIVERY_POLL_INTERVAL_SECONDS,
    },
    activity: { maxBackdateDays: env.ACTIVITY_MAX_BACKDATE_DAYS },
    personalData: {
      retentionDays: env.PERSONAL_DATA_RETENTION_DAYS,
      retentionBatchSize: env.PERSONAL_DATA_RETENTION_BATCH,
    },
    webhooks: { secretsKey: env.WEBHOOK_SECRETS_KEY, allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE },
  };
}

function notifyConnection(env: VariableValues, set: Record<string, string>): RealNotify | SimulatedNotify {
  if (env.NOTIFY_API_KEY) {
    const firstKey = env.NOTIFY_API_KEY;
    return {
      kind: "real",
      apiKeys: env.NOTIFY_SERVICES.map((service, index) => ({
        service,
        apiKey: index === 0 ? firstKey : checked(set, serviceApiKeyVariable(service)),
      })),
      baseUrl: env.NOTIFY_BASE_URL,
      callbackToken: env.NOTIFY_CALLBACK_TOKEN,
      preferenceTemplates: {
        email: checked(set, "NOTIFY_PREFERENCE_TEMPLATE_EMAIL"),
        sms: checked(set, "NOTIFY_PREFERENCE_TEMPLATE_SMS"),
      },
      freeTextSmsTemplate: checked(set, "NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID"),
      digestEmailTemplate: checked(set, "NOTIFY_DIGEST_TEMPLATE_EMAIL"),
      subscriptionEmailTemplate: checked(set, "NOTIFY_SUBSCRIPTION_TEMPLATE_EMAIL"),
    };
  }
  return {
    kind: "simulator",
    port: env.NOTIFY_SIMULATOR_PORT,
    callbackUrl: env.NOTIFY_CALLBACK_URL ?? `http://127.0.0.1:${env.PORT}/api/v1/notify/callbacks`,
    callbackToken: env.NOTIFY_CALLBACK_TOKEN,
    preferenceTemplates: { email: env.NOTIFY_PREFERENCE_TEMPLATE_EMAIL, sms: env.NOTIFY_PREFERENCE_TEMPLATE_SMS },
    freeTextSmsTemplate: env.NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID,
    digestEmailTemplate: env.NOTIFY_DIGEST_TEMPLATE_EMAIL,
    subscriptionEmailTemplate: env.NOTIFY_SUBSCRIPTION_TEMPLATE_EMAIL,
    templateFile: env.NOTIFY_SIMULATOR_TEMPLATES,
  };
}

/** A variable the cross-field rules (requirements.ts) have already required. */
function checked(set: Record<string, string>, name: string): string {
  const value = set[name];
  if (value === undefined) throw new Error(`${name} is required here, yet no rule in requirements.ts asked for it`);
  return value;
}

function logLevelOf(env: Pick<VariableValues, "LOG_LEVEL" | "NODE_ENV">): LogLevel {
  return env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info");
}

let cached: Settings | undefined;

/** The running process's settings, read from process.env once. */
export function getSettings(): Settings {
  cached ??= readSettings(process.env);
  return cached;
}

/** Forgets the cached settings, so the next getSettings() reads process.env again (tests that change it). */
export function resetSettings(): void {
  cached = undefined;
}

/**
 * The log level, read afresh and never throwing: the logger is built when its module loads, before
 * start-up validation runs, and must not crash that load. A bad LOG_LEVEL falls back to the default
 * here; getSettings() at start-up is what reports it.
 */
export function currentLogLevel(): LogLevel {
  const set = setVariables({ LOG_LEVEL: process.env.LOG_LEVEL, NODE_ENV: process.env.NODE_ENV });
  const level = variables.LOG_LEVEL.schema.safeParse(set.LOG_LEVEL);
  return logLevelOf({ LOG_LEVEL: level.success ? level.data : undefined, NODE_ENV: set.NODE_ENV });
}
