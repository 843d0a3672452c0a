import { z } from "zod";

// A constant on purpose: a liveness probe that reached the database would have every replica
// restarted when the database blips, which readiness (/api/v1/health) already reports. It is also
// the benchmarks' bare route — what the server and wrapper cost with no auth and no query.
export const livenessSchema = z.object({ status: z.literal("ok") }).meta({ id: "Liveness" });

export const liveness: z.infer<typeof livenessSchema> = { status: "ok" };
