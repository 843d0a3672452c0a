import { z } from "zod";
import { groupMapSchema, groupMapShape } from "./group-map";
import {
  base64Key,
  emailList,
  flag,
  json,
  nameList,
  notifyApiKey,
  oneOf,
  originList,
  positiveNumber,
  simulatorTemplateFile,
  text,
  url,
  uuid,
  wholeNumber,
} from "./kinds";

// Every environment variable the product reads, in the order the README's Configuration table
// lists them (npm run docs:settings writes that table from here). `default` and `description`
// are the table's cells (markdown); `secret` keeps a bad value out of the start-up message;
// `internal` marks what tooling sets rather than an operator, left out of the table.

export type VariableDefinition = {
  schema: z.ZodType<unknown, string | undefined>;
  default: string;
  description: string;
  secret?: boolean;
  internal?: boolean;
  /** The value is a file's path, which the reason already names (a problem is in the file, not the path). */
  namesFile?: true;
  /** A family of variables, one per Notify service; checked by the cross-field rules, not one by one. */
  perService?: true;
};

export const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export const variables = {
  PORT: {
    schema: wholeNumber({ min: 1, max: 65_535 }).default(3000),
    default: "`3000`",
    description: "the port `npm start` listens on",
  },
  DATABASE_URL: {
    schema: url(["postgres", "postgresql"]).optional(),
    default: "unset: embedded PGlite",
    description: "a PostgreSQL connection string; the app refuses to start if it cannot reach it or migrate it",
    secret: true,
  },
  DATA_DIR: {
    schema: text().default(".data"),
    default: "`./.data`",
    description: "where PGlite keeps its data and where the generated session secret is kept",
  },
  AUTH_SECRET: {
    schema: text({ minLength: 32 }).optional(),
    default: "generated once into `DATA_DIR/auth-secret`",
    description: "signs and encrypts session cookies; set it (32+ characters) when several replicas serve one site",
    secret: true,
  },
  NEXTAUTH_URL: {
    schema: url(["http", "https"]).optional(),
    default: "unset: the request's Host is trusted",
    description: "the site's public address, e.g. `https://notifications.council.gov.uk`; set it in production",
  },
  AUTH_TRUST_HOST: {
    schema: flag().optional(),
    default: "`true` from `npm start` when `NEXTAUTH_URL` is unset",
    description: "lets next-auth take the site's address from the request's Host header",
  },
  TRUST_PROXY_HEADERS: {
    schema: flag().default(false),
    default: "`false`",
    description:
      "`true` when a proxy in front sets `X-Forwarded-Host`; otherwise sign-in builds its links from the `Host` header",
  },
  AUTH_DEMO: {
    schema: flag().optional(),
    default: "`true` on PGlite, `false` with `DATABASE_URL`",
    description: "offers the demo people on the sign-in page",
  },
  SEED_DEMO_DATA: {
    schema: flag().optional(),
    default: "`true` on PGlite, `false` with `DATABASE_URL`",
    description:
      "seeds demo teams, people and the `demo-service` client into an empty database; with the Notify simulator, also demo emails, texts and a letter (one text failing), an escalated item and a stalled process",
  },
  DEMO_API_KEY: {
    schema: text({ minLength: 20 }).optional(),
    default: "unset: a random key printed once",
    description: "the key the seeded `demo-service` client gets (20+ characters)",
    secret: true,
  },
  AUTH_MICROSOFT_ENTRA_ID_ID: {
    schema: text().optional(),
    default: "unset",
    description: "sign-in with Microsoft Entra ID: the application (client) id; needs the secret and tenant id too",
  },
  AUTH_MICROSOFT_ENTRA_ID_SECRET: {
    schema: text().optional(),
    default: "unset",
    description: "sign-in with Microsoft Entra ID: the client secret",
    secret: true,
  },
  AUTH_MICROSOFT_ENTRA_ID_TENANT_ID: {
    schema: text().optional(),
    default: "unset",
    description: "sign-in with Microsoft Entra ID: the council's tenant (directory) id",
  },
  AUTH_GOOGLE_ID: {
    schema: text().optional(),
    default: "unset",
    description: "sign-in with Google Workspace: the OAuth client id; needs the secret too",
  },
  AUTH_GOOGLE_SECRET: {
    schema: text().optional(),
    default: "unset",
    description: "sign-in with Google Workspace: the OAuth client secret",
    secret: true,
  },
  ADMIN_EMAILS: {
    schema: emailList().optional(),
    default: "unset",
    description:
      "comma-separated emails of the first administrators: signing in through single sign-on with one of them creates an admin if nobody has that email yet",
  },
  SSO_GROUP_MAP: {
    schema: json(groupMapSchema, groupMapShape).optional(),
    default: "unset: groups give nothing",
    description:
      'which teams and roles each identity-provider group gives, e.g. `{"Finance Officers": {"teams": ["finance"], "roles": ["finance-officer"]}}` (an Entra ID group by name or object id); people in a mapped group are created at first sign-in and their teams and roles follow their groups',
  },
  HACKNEY_JWT_SECRET: {
    schema: text({ minLength: 32 }).optional(),
    default: "unset: gateway tokens are refused",
    description:
      "the HS256 secret of the council's API gateway tokens; set, a `Bearer` JWT or the `hackneyToken` cookie signs a person in by its `email` (32+ characters)",
    secret: true,
  },
  LOG_LEVEL: {
    schema: oneOf(logLevels).optional(),
    default: "`info`",
    description: "pino log level (`silent` … `trace`)",
  },
  METRICS_TOKEN: {
    schema: text({ minLength: 32 }).optional(),
    default: "unset: `GET /metrics` answers 404",
    description:
      "the bearer token Prometheus sends to scrape `GET /metrics` (`Authorization: Bearer <token>`; 32+ characters)",
    secret: true,
  },
  NODE_ENV: {
    schema: z.string().optional(),
    default: "set by Next.js and Vitest",
    description: "`test` makes the default log level `silent`",
    internal: true,
  },
  RATE_LIMIT_PER_MINUTE: {
    schema: wholeNumber({ min: 1 }).default(1200),
    default: "`1200`",
    description: "requests a minute per API client (all replicas together) before 429",
  },
  PERSON_RATE_LIMIT_PER_MINUTE: {
    schema: wholeNumber({ min: 1 }).default(600),
    default: "`600`",
    description: "requests a minute per signed-in person (all replicas together) before 429",
  },
  CORS_ORIGINS: {
    schema: originList().default([]),
    default: "unset: no cross-origin access",
    description:
      "comma-separated origins whose browser pages may call `/api/v1` (e.g. the council's front end, `https://manage-my-home.hackney.gov.uk`): their preflights are answered and responses carry `Access-Control-Allow-Origin` for them alone, exposing `x-correlation-id`; no cookies cross (callers send `Authorization: Bearer`)",
  },
  RECIPIENT_LIMIT_PER_HOUR: {
    schema: wholeNumber({ min: 1 }).default(60),
    default: "`60`",
    description:
      "notifications an hour from one caller to one person (however addressed: id, team or role), email address or mobile number, all replicas together",
  },
  ALLOW_RAW_RECIPIENTS: {
    schema: flag().default(true),
    default: "`true`",
    description:
      "`false` refuses email addresses, mobile numbers and postal addresses in create requests: callers address a person by id (`recipient: { personId }`) and the directory supplies the details",
  },
  NOTIFY_SERVICES: {
    schema: nameList().default(["housing"]),
    default: "`housing`",
    description: "comma-separated names of the Notify services callers may choose with `serviceKey`",
  },
  NOTIFY_API_KEY: {
    schema: notifyApiKey().optional(),
    default: "unset: the local simulator",
    description: "the real GOV.UK Notify key of the first service; its presence switches to the real Notify",
    secret: true,
  },
  "NOTIFY_API_KEY_<SERVICE>": {
    schema: notifyApiKey().optional(),
    default: "unset",
    description:
      "the key of each further service, e.g. `NOTIFY_API_KEY_REPAIRS`; required for every further service with the real Notify",
    secret: true,
    perService: true,
  },
  NOTIFY_BASE_URL: {
    schema: url(["http", "https"]).optional(),
    default: "Notify's own",
    description: "another Notify-compatible endpoint",
  },
  NOTIFY_CALLBACK_TOKEN: {
    schema: text().optional(),
    default: "random per process (simulator)",
    description: "the bearer token Notify sends with delivery receipts; set it to the value configured in Notify",
    secret: true,
  },
  NOTIFY_CALLBACK_URL: {
    schema: url(["http", "https"]).optional(),
    default: "`http://127.0.0.1:$PORT/api/v1/notify/callbacks`",
    description: "where the simulator sends receipts",
  },
  NOTIFY_SIMULATOR_PORT: {
    schema: wholeNumber({ min: 0, max: 65_535 }).default(0),
    default: "random",
    description: "the simulator's port",
  },
  NOTIFY_SIMULATOR_TEMPLATES: {
    schema: simulatorTemplateFile().optional(),
    default: "unset: the built-in catalogue only",
    description:
      "a JSON file of the simulator's own templates: Notify's `GET /v2/templates` answer, so a real service's export loads unchanged, with optional `email_reply_to_ids` (uuids) and `sms_sender_ids` (uuid → sender); added to the built-in catalogue (a template with a catalogue id replaces it); a bad file stops the start, naming the field (format: `lib/notify-simulator/README.md`); unused with `NOTIFY_API_KEY`",
    namesFile: true,
  },
  NOTIFY_RATE_LIMIT_PER_MINUTE: {
    schema: positiveNumber().default(3000),
    default: "`3000`",
    description: "the Notify service's limit; the dispatcher keeps under 95% of it",
  },
  NOTIFY_PREFERENCE_TEMPLATE_EMAIL: {
    schema: uuid().optional(),
    default: "the simulator's catalogue templates; required with `NOTIFY_API_KEY`",
    description:
      "the email template (fields `recipient_name`, `title`, `summary`, `urgent`, `action_url`) for the copies people ask for in their preferences",
  },
  NOTIFY_PREFERENCE_TEMPLATE_SMS: {
    schema: uuid().optional(),
    default: "the simulator's catalogue templates; required with `NOTIFY_API_KEY`",
    description: "the text message template, with the same fields, for those copies",
  },
  NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID: {
    schema: uuid().optional(),
    default: "the simulator's free-text template; required with `NOTIFY_API_KEY`",
    description:
      "the text message template whose whole content is the one field `((message))`, which `POST /api/v1/sms` sends through",
  },
  NOTIFY_DIGEST_TEMPLATE_EMAIL: {
    schema: uuid().optional(),
    default: "the simulator's digest template; required with `NOTIFY_API_KEY`",
    description:
      "the email template for the daily digest (fields `recipient_name`, `item_count`, `items` as a list, `preferences_url`)",
  },
  NOTIFY_SUBSCRIPTION_TEMPLATE_EMAIL: {
    schema: uuid().optional(),
    default: "the simulator's subscription template; required with `NOTIFY_API_KEY`",
    description:
      "the email template (fields `subject`, `body`) for subscriptions' email channel and the notices to their contacts (disabled, about to expire)",
  },
  DELIVERY_POLL_INTERVAL_SECONDS: {
    schema: positiveNumber({ min: 0.5 }).default(2),
    default: "`2`",
    description: "how often `npm run worker` looks for due retries and scheduled sends",
  },
  WORKERS_IN_APP: {
    schema: flag().default(true),
    default: "`true`",
    description: "run send workers inside the app; `false` leaves them to `npm run worker`",
  },
  DELIVERY_WORKER_CONCURRENCY: {
    schema: wholeNumber({ min: 1 }).default(20),
    default: "`20`",
    description: "sends a process runs at once",
  },
  DELIVERY_RETRY_LIMIT: {
    schema: wholeNumber({ min: 0 }).default(10),
    default: "`10`",
    description: "retries of a send that failed with 5xx, 429 or a network error",
  },
  DELIVERY_RETRY_DELAY_SECONDS: {
    schema: wholeNumber({ min: 1 }).default(5),
    default: "`5`",
    description: "the first retry's delay, doubled with jitter for each retry after it",
  },
  DELIVERY_RETRY_DELAY_MAX_SECONDS: {
    schema: wholeNumber({ min: 1 }).default(900),
    default: "`900`",
    description: "the longest delay between retries (at least `DELIVERY_RETRY_DELAY_SECONDS`)",
  },
  DELIVERY_JOB_TIMEOUT_SECONDS: {
    // pg-boss refuses an expiry over 24 hours.
    schema: wholeNumber({ min: 1, max: 86_400 }).default(60),
    default: "`60`",
    description: "how long a send may run before another worker takes it over",
  },
  DELIVERY_POLL_AFTER_MINUTES: {
    schema: positiveNumber().default(10),
    default: "`10`",
    description: "poll Notify for messages with no receipt after this long",
  },
  DELIVERY_LETTER_FIRST_POLL_MINUTES: {
    schema: positiveNumber().default(1),
    default: "`1`",
    description:
      "poll Notify for a new letter (it sends no letter callbacks) after this long, then after as long again as it had waited, up to `DELIVERY_POLL_AFTER_MINUTES`",
  },
  DELIVERY_SUPERVISE_INTERVAL_SECONDS: {
    schema: positiveNumber({ min: 1, max: 86_400 }).default(60),
    default: "`60`",
    description: "how often a send whose worker died goes back to the queue",
  },
  DELIVERY_QUEUE_CONNECTIONS: {
    schema: wholeNumber({ min: 1 }).default(5),
    default: "`5`",
    description: "the queue's own PostgreSQL connections in each process",
  },
  ACTIVITY_MAX_BACKDATE_DAYS: {
    schema: wholeNumber({ min: 0, max: 3650 }).default(7),
    default: "`7`",
    description:
      "how many days in the past a posted activity's `createdAt` (or an event's `dateTime`) may be; older is a 400",
  },
  PERSONAL_DATA_RETENTION_DAYS: {
    schema: wholeNumber({ min: 1, max: 36_500 }).default(730),
    default: "`730`",
    description:
      "days after which a notification's personal details (contacts, names, address, message, personalisation, its deliveries' " +
      "personalisation and its letters' bytes) are redacted, keeping ids, category, times and who acted; an item needing " +
      "action counts from when it was resolved",
  },
  PERSONAL_DATA_RETENTION_BATCH: {
    schema: wholeNumber({ min: 1, max: 10_000 }).default(500),
    default: "`500`",
    description: "the most notifications one housekeeping run redacts (the rest wait for the next minute)",
  },
  WEBHOOK_SECRETS_KEY: {
    schema: base64Key({ bytes: 32 }).optional(),
    default: "generated once into `DATA_DIR/webhook-secrets-key` on PGlite; required with `DATABASE_URL`",
    description:
      "encrypts subscriptions' webhook signing secrets at rest (AES-256-GCM), 32 bytes in base64; every app and worker process must share it, and changing it makes existing secrets unreadable",
    secret: true,
  },
  WEBHOOKS_ALLOW_PRIVATE: {
    schema: flag().default(false),
    default: "`false`",
    description:
      "`true` lets webhook URLs use plain `http` and private, loopback or link-local addresses: for tests and internal deployments only",
  },
} satisfies Record<string, VariableDefinition>;

export type VariableName = keyof typeof variables;

/** The variables read by their exact name (every one but the per-service family). */
export type ExactVariableName = {
  [Name in VariableName]: (typeof variables)[Name] extends { perService: true } ? never : Name;
}[VariableName];

/** NOTIFY_API_KEY_<SERVICE> for one service name: upper-cased, dashes as underscores. */
export function serviceApiKeyVariable(service: string): string {
  return `NOTIFY_API_KEY_${service.toUpperCase().replaceAll("-", "_")}`;
}
