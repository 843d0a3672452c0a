import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1")
  .optional();

const environmentSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  AUTH_DEMO: flag,
  SEED_DEMO_DATA: flag,
  DEMO_API_KEY: z.string().min(20, "DEMO_API_KEY must be at least 20 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  AUTH_MICROSOFT_ENTRA_ID_ID: z.string().optional(),
  AUTH_MICROSOFT_ENTRA_ID_SECRET: z.string().optional(),
  AUTH_MICROSOFT_ENTRA_ID_TENANT_ID: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
});

export type AppConfig = {
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string | undefined;
  /** Demo sign-in and demo data default to on only for the embedded database: a council server must opt in. */
  demoSignIn: boolean;
  seedDemoData: boolean;
  demoApiKey: string | undefined;
  logLevel: z.infer<typeof environmentSchema>["LOG_LEVEL"];
  entraId: { clientId: string; clientSecret: string; tenantId: string } | undefined;
  google: { clientId: string; clientSecret: string } | undefined;
};

/** Reads configuration from an environment; throws one message naming every bad variable. */
export function readConfig(environment: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(stripEmpty(environment));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const env = parsed.data;
  const embedded = env.DATABASE_URL === undefined;
  return {
    databaseUrl: env.DATABASE_URL,
    dataDir: path.resolve(env.DATA_DIR),
    authSecret: env.AUTH_SECRET,
    demoSignIn: env.AUTH_DEMO ?? embedded,
    seedDemoData: env.SEED_DEMO_DATA ?? embedded,
    demoApiKey: env.DEMO_API_KEY,
    logLevel: env.LOG_LEVEL,
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
  };
}

// An exported-but-empty variable (`DATABASE_URL=`) means "not set", as in most tools.
function stripEmpty(environment: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""),
  );
}

let cached: AppConfig | undefined;

/** The running process's configuration, read once. */
export function getConfig(): AppConfig {
  cached ??= readConfig();
  return cached;
}
