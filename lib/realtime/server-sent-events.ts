const encoder = new TextEncoder();

/** One Server-Sent Events frame. `data` is JSON on one line, so it never needs splitting. */
export function formatEvent(event: { id?: number | string; event: string; data: unknown }): Uint8Array {
  const idLine = event.id === undefined ? "" : `id: ${event.id}\n`;
  return encoder.encode(`${idLine}event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
}

/** How long a browser's EventSource waits before reconnecting. */
export function formatRetry(milliseconds: number): Uint8Array {
  return encoder.encode(`retry: ${milliseconds}\n\n`);
}

/** A comment line: ignored by EventSource, but it keeps proxies and load balancers from closing an idle stream. */
export function formatComment(text: string): Uint8Array {
  return encoder.encode(`: ${text}\n\n`);
}

export const eventStreamHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform also stops the server's gzip, which would hold events back to fill its buffer.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
} as const;
