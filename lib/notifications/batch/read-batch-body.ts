import { ApiError } from "@/lib/api/errors";
import { maxBatchBytes } from "./schemas";

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    "payload_too_large",
    `The file is larger than ${maxBytes / 1024 / 1024} MB; split it into smaller batches`,
  );
}

/**
 * The CSV text from a `text/csv` body or a multipart form's `file` field, refusing anything over the
 * size limit (the batch's own unless told another: the people import takes larger files).
 */
export async function readBatchCsv(
  request: Request,
  { maxBytes = maxBatchBytes }: { maxBytes?: number } = {},
): Promise<string> {
  const contentType = (request.headers.get("content-type") ?? "").toLowerCase();
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes + 64 * 1024) throw tooLarge(maxBytes);
  if (contentType.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch (error) {
      throw new ApiError("bad_request", "The form could not be read", {
        errors: [{ path: "file", message: "Send the CSV as a multipart field called file" }],
        cause: error,
      });
    }
    const file = form.get("file");
    if (!(file instanceof Blob))
      throw new ApiError("bad_request", "No file was sent", {
        errors: [{ path: "file", message: "Send the CSV as a multipart field called file" }],
      });
    if (file.size > maxBytes) throw tooLarge(maxBytes);
    return new TextDecoder("utf-8", { fatal: false }).decode(await file.arrayBuffer());
  }
  if (!/^(text\/csv|application\/csv|text\/plain)\b/.test(contentType)) {
    throw new ApiError(
      "unsupported_media_type",
      "Send the file as text/csv, or as multipart/form-data with a file field",
    );
  }
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}
