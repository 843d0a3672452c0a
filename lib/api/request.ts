import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { ApiError } from "./errors";
import { validationError } from "./problem";
import { readBodyBytes } from "./read-body";
import { refuseUnstorableInput } from "./storable-input";

const MAX_JSON_BYTES = 1_000_000;
const correlationIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-correlation-id` when it is a sane token, otherwise a new one. */
export function correlationIdFor(request: Request): string {
  const supplied = request.headers.get("x-correlation-id");
  return supplied && correlationIdPattern.test(supplied) ? supplied : randomUUID();
}

/** Reads a JSON body and validates it; bad content type, size, JSON or fields each get their own 4xx. */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  options: { maxBytes?: number } = {},
): Promise<z.output<Schema>> {
  return parseWith(schema, await readJson(request, options));
}

/** Reads a JSON body for lib/ to validate (the create pipeline checks each notification in it). */
export async function readJson(request: Request, options: { maxBytes?: number } = {}): Promise<unknown> {
  const maxBytes = options.maxBytes ?? MAX_JSON_BYTES;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]+\+)?json\b/i.test(contentType.trim())) {
    throw new ApiError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  // TextDecoder, as request.text() did: a leading byte-order mark is dropped, bad UTF-8 becomes U+FFFD.
  const text = new TextDecoder().decode(await readBodyBytes(request, maxBytes, () => tooLarge(maxBytes)));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ApiError("bad_request", `The body is not valid JSON: ${(error as Error).message}`, {
      errors: [{ path: "body", message: "Malformed JSON" }],
    });
  }
  refuseUnstorableInput(body);
  return body;
}

/** Validates the query string. Repeated parameters keep their last value. */
export function readQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.output<Schema> {
  const query = Object.fromEntries(new URL(request.url).searchParams.entries());
  refuseUnstorableInput(query);
  return parseWith(schema, query);
}

/** Validates anything (route params, decoded tokens) and throws one 400 listing every failing field. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError("payload_too_large", `The body is larger than ${maxBytes} bytes`);
}
