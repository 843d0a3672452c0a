import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSettings } from "./settings";
import { problemsWith, templates } from "./test-support";

const postgresUrl = "postgres://app@db.internal:5432/notifications";

describe("readSettings", () => {
  it("needs no variables: embedded database under ./.data, demo sign-in and demo data on, the simulator", () => {
    const settings = readSettings({});
    expect(settings.database).toEqual({ url: undefined, dataDir: path.resolve(".data") });
    expect(settings.demo).toEqual({ signIn: true, seedData: true, apiKey: undefined });
    expect(settings.auth).toEqual({
      secret: undefined,
      trustProxyHeaders: false,
      entraId: undefined,
      google: undefined,
      adminEmails: [],
      groupMap: {},
      hackneyJwtSecret: undefined,
    });
    expect(settings.server).toEqual({ port: 3000, publicUrl: "http://localhost:3000" });
    expect(settings.logging.level).toBe("info");
    expect(settings.limits).toEqual({
      requestsPerMinutePerClient: 1200,
      requestsPerMinutePerPerson: 600,
      notificationsPerHourPerRecipient: 60,
    });
    expect(settings.notify.services).toEqual(["housing"]);
    expect(settings.notify.connection).toMatchObject({
      kind: "simulator",
      port: 0,
      callbackUrl: "http://127.0.0.1:3000/api/v1/notify/callbacks",
    });
    expect(settings.delivery).toEqual({
      workersInApp: true,
      rateLimitPerMinute: 3000,
      retryLimit: 10,
      retryDelaySeconds: 5,
      retryDelayMaxSeconds: 900,
      jobTimeoutSeconds: 60,
      concurrency: 20,
      pollAfterMinutes: 10,
      letterFirstPollMinutes: 1,
      superviseIntervalSeconds: 60,
      queueConnections: 5,
      workerPollIntervalSeconds: 2,
    });
    expect(settings.activity).toEqual({ maxBackdateDays: 7 });
    expect(settings.webhooks).toEqual({ secretsKey: undefined, allowPrivate: false });
  });

  it("reads the webhook secrets key as its 32 bytes", () => {
    const key = Buffer.from(Array.from({ length: 32 }, (_, index) => index));
    expect(readSettings({ WEBHOOK_SECRETS_KEY: key.toString("base64") }).webhooks.secretsKey).toEqual(key);
  });

  it("turns demo sign-in and demo data off by default on a PostgreSQL server", () => {
    const settings = readSettings({ DATABASE_URL: postgresUrl });
    expect(settings.demo.signIn).toBe(false);
    expect(settings.demo.seedData).toBe(false);
  });

  it.each([
    [{ AUTH_DEMO: "false" }, false],
    [{ AUTH_DEMO: "0" }, false],
    [{ AUTH_DEMO: "true", DATABASE_URL: "postgres://localhost/x" }, true],
    [{ AUTH_DEMO: "1", DATABASE_URL: "postgres://localhost/x" }, true],
  ])("honours AUTH_DEMO %j", (environment, expected) => {
    expect(readSettings(environment).demo.signIn).toBe(expected);
  });

  it("treats an empty or blank variable as unset, and trims the others", () => {
    expect(readSettings({ DATABASE_URL: "" }).database.url).toBeUndefined();
    expect(readSettings({ DELIVERY_RETRY_LIMIT: "  " }).delivery.retryLimit).toBe(10);
    expect(readSettings({ DELIVERY_RETRY_LIMIT: " 3 " }).delivery.retryLimit).toBe(3);
  });

  it("enables single sign-on when all of a provider's variables are set", () => {
    expect(
      readSettings({
        AUTH_MICROSOFT_ENTRA_ID_ID: "id",
        AUTH_MICROSOFT_ENTRA_ID_SECRET: "secret",
        AUTH_MICROSOFT_ENTRA_ID_TENANT_ID: "tenant",
      }).auth.entraId,
    ).toEqual({ clientId: "id", clientSecret: "secret", tenantId: "tenant" });
    expect(readSettings({ AUTH_GOOGLE_ID: "id", AUTH_GOOGLE_SECRET: "secret" }).auth.google).toEqual({
      clientId: "id",
      clientSecret: "secret",
    });
  });

  it.each([
    [{ LOG_LEVEL: "debug" }, "debug"],
    [{ NODE_ENV: "test" }, "silent"],
    [{ NODE_ENV: "test", LOG_LEVEL: "warn" }, "warn"],
    [{ NODE_ENV: "production" }, "info"],
  ])("logs at the level %j asks for", (environment, expected) => {
    expect(readSettings(environment).logging.level).toBe(expected);
  });

  it("points links at NEXTAUTH_URL, without a trailing slash, or at localhost on PORT", () => {
    expect(readSettings({ NEXTAUTH_URL: "https://notifications.council.gov.uk/" }).server.publicUrl).toBe(
      "https://notifications.council.gov.uk",
    );
    expect(readSettings({ PORT: "4100" }).server.publicUrl).toBe("http://localhost:4100");
    expect(readSettings({ PORT: "4100" }).notify.connection).toMatchObject({
      callbackUrl: "http://127.0.0.1:4100/api/v1/notify/callbacks",
    });
  });

  it("reads the Notify services as a comma-separated list, dropping blanks and repeats", () => {
    expect(readSettings({ NOTIFY_SERVICES: " housing, repairs ,,housing" }).notify.services).toEqual([
      "housing",
      "repairs",
    ]);
  });

  it("reads how many days back a posted activity may date itself", () => {
    expect(readSettings({ ACTIVITY_MAX_BACKDATE_DAYS: "30" }).activity.maxBackdateDays).toBe(30);
    expect(readSettings({ ACTIVITY_MAX_BACKDATE_DAYS: "0" }).activity.maxBackdateDays).toBe(0);
  });

  it("accepts fractions where a number of seconds or minutes may have one", () => {
    const settings = readSettings({
      DELIVERY_POLL_INTERVAL_SECONDS: "0.5",
      DELIVERY_POLL_AFTER_MINUTES: "2.5",
      NOTIFY_RATE_LIMIT_PER_MINUTE: "1500.5",
      DELIVERY_RETRY_LIMIT: "0",
    });
    expect(settings.delivery).toMatchObject({
      workerPollIntervalSeconds: 0.5,
      pollAfterMinutes: 2.5,
      rateLimitPerMinute: 1500.5,
      retryLimit: 0,
    });
  });

  // Every kind of value, and the message that names the variable. The value is quoted unless the
  // variable is a secret (a key, a token, a connection string that may hold a password).
  it.each([
    // URLs
    ["DATABASE_URL", "not a url", "DATABASE_URL: must be a URL starting postgres:// or postgresql://"],
    ["DATABASE_URL", "mysql://db/x", "DATABASE_URL: must be a URL starting postgres:// or postgresql://"],
    ["NEXTAUTH_URL", "notifications.council.gov.uk", "NEXTAUTH_URL: must be a URL starting http:// or https://"],
    [
      "NOTIFY_BASE_URL",
      "ftp://notify",
      "NOTIFY_BASE_URL: must be a URL starting http:// or https://, not 'ftp://notify'",
    ],
    ["NOTIFY_CALLBACK_URL", "/callbacks", "NOTIFY_CALLBACK_URL: must be a URL starting http:// or https://"],
    // Booleans
    ["AUTH_DEMO", "maybe", "AUTH_DEMO: must be true, false, 1 or 0, not 'maybe'"],
    ["SEED_DEMO_DATA", "yes", "SEED_DEMO_DATA: must be true, false, 1 or 0, not 'yes'"],
    ["WORKERS_IN_APP", "no", "WORKERS_IN_APP: must be true, false, 1 or 0, not 'no'"],
    ["AUTH_TRUST_HOST", "TRUE", "AUTH_TRUST_HOST: must be true, false, 1 or 0, not 'TRUE'"],
    ["TRUST_PROXY_HEADERS", "on", "TRUST_PROXY_HEADERS: must be true, false, 1 or 0, not 'on'"],
    ["WEBHOOKS_ALLOW_PRIVATE", "yes", "WEBHOOKS_ALLOW_PRIVATE: must be true, false, 1 or 0, not 'yes'"],
    // Keys
    ["WEBHOOK_SECRETS_KEY", Buffer.alloc(16).toString("base64"), "WEBHOOK_SECRETS_KEY: must be 32 bytes in base64"],
    ["WEBHOOK_SECRETS_KEY", "not base64 at all!", "WEBHOOK_SECRETS_KEY: must be 32 bytes in base64"],
    // Whole numbers
    ["DELIVERY_RETRY_LIMIT", "ten", "DELIVERY_RETRY_LIMIT: must be a whole number of at least 0, not 'ten'"],
    ["DELIVERY_RETRY_LIMIT", "-1", "DELIVERY_RETRY_LIMIT: must be a whole number of at least 0, not '-1'"],
    ["RATE_LIMIT_PER_MINUTE", "0", "RATE_LIMIT_PER_MINUTE: must be a whole number of at least 1, not '0'"],
    ["RATE_LIMIT_PER_MINUTE", "lots", "RATE_LIMIT_PER_MINUTE: must be a whole number of at least 1, not 'lots'"],
    [
      "PERSON_RATE_LIMIT_PER_MINUTE",
      "0",
      "PERSON_RATE_LIMIT_PER_MINUTE: must be a whole number of at least 1, not '0'",
    ],
    ["RECIPIENT_LIMIT_PER_HOUR", "2.5", "RECIPIENT_LIMIT_PER_HOUR: must be a whole number of at least 1, not '2.5'"],
    ["DELIVERY_WORKER_CONCURRENCY", "0", "DELIVERY_WORKER_CONCURRENCY: must be a whole number of at least 1"],
    ["DELIVERY_QUEUE_CONNECTIONS", "1e3", "DELIVERY_QUEUE_CONNECTIONS: must be a whole number of at least 1"],
    ["DELIVERY_RETRY_DELAY_SECONDS", "0.5", "DELIVERY_RETRY_DELAY_SECONDS: must be a whole number of at least 1"],
    [
      "ACTIVITY_MAX_BACKDATE_DAYS",
      "a week",
      "ACTIVITY_MAX_BACKDATE_DAYS: must be a whole number from 0 to 3650, not 'a week'",
    ],
    ["DELIVERY_JOB_TIMEOUT_SECONDS", "90000", "DELIVERY_JOB_TIMEOUT_SECONDS: must be a whole number from 1 to 86400"],
    ["PORT", "70000", "PORT: must be a whole number from 1 to 65535, not '70000'"],
    ["NOTIFY_SIMULATOR_PORT", "-1", "NOTIFY_SIMULATOR_PORT: must be a whole number from 0 to 65535"],
    // Numbers with fractions
    ["DELIVERY_POLL_AFTER_MINUTES", "0", "DELIVERY_POLL_AFTER_MINUTES: must be a number greater than 0, not '0'"],
    [
      "DELIVERY_LETTER_FIRST_POLL_MINUTES",
      "-1",
      "DELIVERY_LETTER_FIRST_POLL_MINUTES: must be a number greater than 0, not '-1'",
    ],
    ["NOTIFY_RATE_LIMIT_PER_MINUTE", "fast", "NOTIFY_RATE_LIMIT_PER_MINUTE: must be a number greater than 0"],
    ["DELIVERY_POLL_INTERVAL_SECONDS", "0.1", "DELIVERY_POLL_INTERVAL_SECONDS: must be a number of at least 0.5"],
    [
      "DELIVERY_SUPERVISE_INTERVAL_SECONDS",
      "0.5",
      "DELIVERY_SUPERVISE_INTERVAL_SECONDS: must be a number of at least 1",
    ],
    // Closed sets
    ["LOG_LEVEL", "verbose", "LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, not 'verbose'"],
    // Lists
    ["NOTIFY_SERVICES", ",", "NOTIFY_SERVICES: must name at least one service"],
    ["NOTIFY_SERVICES", "housing,repairs team", "NOTIFY_SERVICES: must be names made of letters, digits, dashes"],
    // Text with a least length, kept out of the message
    ["AUTH_SECRET", "short", "AUTH_SECRET: must be at least 32 characters"],
    ["DEMO_API_KEY", "nck_short", "DEMO_API_KEY: must be at least 20 characters"],
    // Ids and keys
    ["NOTIFY_PREFERENCE_TEMPLATE_EMAIL", "welcome", "NOTIFY_PREFERENCE_TEMPLATE_EMAIL: must be a UUID"],
    ["NOTIFY_API_KEY", "live-key", "NOTIFY_API_KEY: must be a GOV.UK Notify API key"],
  ])("refuses %s=%j", (variable, value, message) => {
    // The templates keep the real Notify's own requirement out of the way when NOTIFY_API_KEY is set.
    const problems = problemsWith({ ...templates, [variable]: value });
    expect(problems).toHaveLength(1);
    expect(problems![0]).toContain(message);
  });

  it.each([
    ["DATABASE_URL", "mysql://app:hunter2@db/x", "hunter2"],
    ["AUTH_SECRET", "hunter2", "hunter2"],
    ["WEBHOOK_SECRETS_KEY", "hunter2hunter2", "hunter2"],
    ["DEMO_API_KEY", "nck_hunter2", "hunter2"],
    ["NOTIFY_API_KEY", "live-hunter2", "hunter2"],
  ])("never repeats the value of %s in its message", (variable, value, secret) => {
    // The templates keep the real Notify's own requirement out of the way when NOTIFY_API_KEY is set.
    const problems = problemsWith({ ...templates, [variable]: value });
    expect(problems).toHaveLength(1);
    expect(problems![0]).not.toContain(secret);
  });

  it.each([
    [
      "single sign-on half set up",
      { AUTH_MICROSOFT_ENTRA_ID_ID: "id" },
      [
        "AUTH_MICROSOFT_ENTRA_ID_SECRET: is needed for sign-in with Microsoft Entra ID, as AUTH_MICROSOFT_ENTRA_ID_ID is set",
        "AUTH_MICROSOFT_ENTRA_ID_TENANT_ID: is needed for sign-in with Microsoft Entra ID, as AUTH_MICROSOFT_ENTRA_ID_ID is set",
      ],
    ],
    [
      "a Google secret without its id",
      { AUTH_GOOGLE_SECRET: "secret" },
      ["AUTH_GOOGLE_ID: is needed for sign-in with Google Workspace, as AUTH_GOOGLE_SECRET is set"],
    ],
    [
      "a longest retry delay shorter than the first",
      { DELIVERY_RETRY_DELAY_SECONDS: "60", DELIVERY_RETRY_DELAY_MAX_SECONDS: "30" },
      ["DELIVERY_RETRY_DELAY_MAX_SECONDS: must be at least DELIVERY_RETRY_DELAY_SECONDS (60), not '30'"],
    ],
    [
      "a first retry delay past the default longest",
      { DELIVERY_RETRY_DELAY_SECONDS: "1000" },
      ["DELIVERY_RETRY_DELAY_MAX_SECONDS: must be at least DELIVERY_RETRY_DELAY_SECONDS (1000)"],
    ],
  ])("refuses variables that do not fit together: %s", (_case, environment, expected) => {
    expect(problemsWith(environment)).toEqual(expected);
  });

  it("names every bad variable in one message", () => {
    let message = "";
    try {
      readSettings({
        DATABASE_URL: "not a url",
        AUTH_DEMO: "maybe",
        AUTH_SECRET: "short",
        DELIVERY_RETRY_LIMIT: "ten",
        AUTH_GOOGLE_ID: "id",
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      [
        "Invalid configuration:",
        "  DATABASE_URL: must be a URL starting postgres:// or postgresql://",
        "  AUTH_SECRET: must be at least 32 characters",
        "  AUTH_DEMO: must be true, false, 1 or 0, not 'maybe'",
        "  DELIVERY_RETRY_LIMIT: must be a whole number of at least 0, not 'ten'",
        "  AUTH_GOOGLE_SECRET: is needed for sign-in with Google Workspace, as AUTH_GOOGLE_ID is set",
      ].join("\n"),
    );
  });
});
