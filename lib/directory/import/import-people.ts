import { randomUUID } from "node:crypto";
import { z } from "zod";
import "zod-openapi";
import type { Database } from "@/db/client";
import type { Caller } from "@/lib/auth/caller";
import type { CreatePersonOptions } from "../save-person";
import { applyImport } from "./apply-import";
import { planImport, type ImportLine } from "./plan-import";

// POST /api/v1/people/import: a CSV of people, upserted by email, else by personId, all or nothing.
// A dry run answers the same preview and writes nothing.

export { maxImportBytes } from "./import-limits";

export const importQuerySchema = z
  .object({
    dryRun: z
      .enum(["true", "false"], "Must be true or false")
      .default("false")
      .transform((value) => value === "true")
      .meta({ description: "true: check the file and answer what would change, writing nothing" }),
  })
  .meta({ id: "ImportPeopleQuery" });
export type ImportQuery = z.output<typeof importQuerySchema>;

const changeSchema = z.object({ from: z.unknown(), to: z.unknown() });

export const importResultSchema = z
  .object({
    dryRun: z.boolean(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    lines: z.array(
      z.object({
        line: z.number().int().meta({ description: "The row's line in the file (the header is line 1)" }),
        outcome: z.enum(["created", "updated", "unchanged"]),
        id: z.uuid().nullable().meta({ description: "The person's id; null for someone a dry run would add" }),
        name: z.string(),
        changes: z.record(z.string(), changeSchema).meta({ description: "Each field that changes: from, to" }),
      }),
    ),
  })
  .meta({ id: "ImportPeopleResult" });
export type ImportResult = z.infer<typeof importResultSchema>;

/** Checks a file and, unless it is a dry run, imports it in the caller's transaction; `options` as createPerson's. */
export async function importPeople(
  tx: Database,
  caller: Caller,
  csv: string,
  query: ImportQuery,
  options: CreatePersonOptions = {},
): Promise<ImportResult> {
  const plan = await planImport(tx, csv, randomUUID);
  if (!query.dryRun) await applyImport(tx, caller, plan, options);
  const count = (outcome: ImportLine["outcome"]) => plan.filter((line) => line.outcome === outcome).length;
  return {
    dryRun: query.dryRun,
    created: count("created"),
    updated: count("updated"),
    unchanged: count("unchanged"),
    lines: plan.map((line) => ({
      line: line.line,
      outcome: line.outcome,
      id: query.dryRun && line.outcome === "created" ? null : line.id,
      name: line.after.name,
      changes: Object.fromEntries(
        Object.entries(line.changes?.newData ?? {}).map(([field, to]) => [
          field,
          { from: line.changes!.oldData[field] ?? null, to },
        ]),
      ),
    })),
  };
}
