import type { ZodOpenApiPathsObject } from "zod-openapi";
import { csvUploadRequestBody } from "@/lib/openapi/csv-upload";
import { problemResponses, securedByEither } from "@/lib/openapi/problem-responses";
import { importColumns } from "./import-columns";
import { importQuerySchema, importResultSchema, maxImportBytes } from "./import-people";
import { maxImportRows } from "./plan-import";

export const importPaths: ZodOpenApiPathsObject = {
  "/api/v1/people/import": {
    post: {
      summary: "Add and update people from a CSV file",
      description:
        `Columns (matched ignoring case, spaces, _ and -): ${importColumns.join(", ")}. roles, teams, tenureIds and ` +
        "propertyIds are separated by semicolons. Each row is matched to a person by email (ignoring case), else by " +
        "personId, and updates them; a row matching nobody adds someone (name and kind required). A column left out " +
        "leaves that field alone; an empty cell clears it. Every row is checked first as POST /api/v1/people checks a " +
        "person; problems say `line N: column` and then nothing changes. `dryRun=true` answers the same preview and " +
        `writes nothing. At most ${maxImportRows.toLocaleString("en-GB")} rows and ${maxImportBytes / 1024 / 1024} MB. ` +
        "Each person created or changed gets one activity-history entry with the caller as author. " +
        "Needs the directory:manage scope (administrators hold it through their role).",
      tags: ["Directory"],
      security: securedByEither,
      requestParams: { query: importQuerySchema },
      requestBody: csvUploadRequestBody({
        description: "The header row, then one row per person",
        example: "name,email,kind,roles,teams\nJane Smith,jane.smith@council.example,staff,finance-officer,finance",
      }),
      responses: {
        "200": {
          description: "What each line did (or would do, for a dry run)",
          content: { "application/json": { schema: importResultSchema } },
        },
        ...problemResponses(
          "bad_request",
          "unauthorized",
          "forbidden",
          "conflict",
          "payload_too_large",
          "unsupported_media_type",
        ),
      },
    },
  },
};
