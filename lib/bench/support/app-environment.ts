/** The environment a benchmarked app runs with: its database, a fixed secret, no demo data, no caps. */
export function benchAppEnvironment(databaseUrl: string, authSecret: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret,
    AUTH_DEMO: "false",
    SEED_DEMO_DATA: "false",
    // The limits protect production from runaway callers; here they would cap the very thing measured.
    RATE_LIMIT_PER_MINUTE: "100000000",
    PERSON_RATE_LIMIT_PER_MINUTE: "100000000",
    RECIPIENT_LIMIT_PER_HOUR: "100000000",
    LOG_LEVEL: "warn",
  };
}
