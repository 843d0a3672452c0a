/**
 * A request body sent chunked (no Content-Length) that counts how much of it the server pulled:
 * `totalBytes` of `fill` in chunks of `chunkBytes`, produced only as the reader asks for them.
 */
export function chunkedUpload(totalBytes: number, { chunkBytes = 64 * 1024, fill = 0x20 } = {}) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      const chunk = new Uint8Array(Math.min(chunkBytes, totalBytes - pulled)).fill(fill);
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulledBytes: () => pulled };
}

/** A Request whose body is `stream`, as Node hands a chunked upload to a route (no Content-Length). */
export function streamedRequest(
  url: string | URL,
  init: { method: string; headers?: Record<string, string> },
  stream: ReadableStream<Uint8Array>,
) {
  // `duplex` is required for a stream body in Node but missing from this @types/node's RequestInit.
  return new Request(url, { ...init, body: stream, duplex: "half" } as RequestInit);
}
