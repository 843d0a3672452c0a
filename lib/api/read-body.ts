import { ApiError } from "./errors";

/**
 * The request body's bytes, never more than `maxBytes` of them. A declared Content-Length over the
 * limit is refused before reading; a body without one (sent chunked) is counted as it arrives and
 * the stream cancelled the moment it passes the limit, so a 40 MB upload costs the server 1 MB.
 */
export async function readBodyBytes(
  request: Request,
  maxBytes: number,
  tooLarge: () => ApiError,
): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      // Not awaited: a client still sending should not hold the 413 up.
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
