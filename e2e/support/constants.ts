/**
 * The port the journeys' server listens on, away from a developer's own `npm start` on 3000.
 * E2E_PORT moves it, so two checkouts on one machine can run their journeys at once.
 */
export const e2ePort = Number(process.env.E2E_PORT ?? 3100);

/** The demo-service key the journeys' server is seeded with (DEMO_API_KEY), so specs can call the API. */
export const e2eApiKey = "nck_e2e-demo-service-key-not-secret-000000";

/** The journeys' server's AUTH_SECRET, so specs can make the links it would make (a refused sign-in's). */
export const e2eAuthSecret = "e2e-secret-not-for-production-0123456789abcdef";

/** The journeys' server's METRICS_TOKEN, so specs can scrape GET /metrics as Prometheus would. */
export const e2eMetricsToken = "e2e-metrics-token-not-secret-0123456789";

/** Saved sign-ins, written by auth.setup.ts. */
export const storageStates = {
  financeOfficer: "e2e/.auth/finance-officer.json",
  financeColleague: "e2e/.auth/finance-colleague.json",
  admin: "e2e/.auth/admin.json",
  /** Grace Mensah: a finance officer's item not acted on is escalated to her (she manages finance). */
  financeManager: "e2e/.auth/finance-manager.json",
  resident: "e2e/.auth/resident.json",
} as const;

/** The demo records (db/seed/demo-people.ts), so journeys can open them by address. */
export const demoRecords = {
  rosaTenure: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b01",
  rosaPerson: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01",
  tomPerson: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a02",
  tomTenure: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b02",
  /** The work order in Rosa's home (db/seed/demo-history.ts). */
  workOrder: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0d01",
} as const;
