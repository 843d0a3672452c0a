import { ApiError } from "@/lib/api/errors";
import { readBodyBytes } from "@/lib/api/read-body";
import { maxBatchBytes } from "./schemas";

// A multipart form wraps the file in boundaries and headers: room for those besides the file.
const formOverheadBytes = 64 * 1024;

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
  const header = request.headers.get("content-type") ?? "";
  const contentType = header.toLowerCase();
  if (contentType.startsWith("multipart/form-data")) {
    // Read (at most the limit) first: request.formData() would buffer however much is sent.
    const bytes = await readBodyBytes(request, maxBytes + formOverheadBytes, () => tooLarge(maxBytes));
    let form: FormData;
    try {
      // The header as sent: the boundary in it is case-sensitive.
      form = await new Response(bytes, { headers: { "content-type": header } }).formData();
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
  return new TextDecoder("utf-8", { fatal: false }).decode(
    await readBodyBytes(request, maxBytes, () => tooLarge(maxBytes)),
  );
}
