import { z } from "zod";
import "zod-openapi";

/**
 * The request body of a route that takes a CSV file: sent as it is (text/csv), or as a browser's
 * form upload whose `file` part holds it. Both upload routes read the two the same way.
 */
export function csvUploadRequestBody(csv: { description: string; example: string }) {
  return {
    content: {
      "text/csv": { schema: z.string().meta(csv) },
      "multipart/form-data": {
        schema: z.object({ file: z.string().meta({ format: "binary", description: "The CSV file" }) }),
      },
    },
  };
}
