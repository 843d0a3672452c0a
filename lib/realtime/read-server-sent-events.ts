/** One dispatched Server-Sent Event as EventSource would hand it over. */
export type ReceivedEvent = { event: string; data: string; id: string | undefined };

/**
 * Parses a text/event-stream body into events as they arrive, following the WHATWG rules that
 * matter here (fields, comments, multi-line data, any line ending). For tests and benchmarks,
 * which read the stream with fetch instead of a browser's EventSource.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ReceivedEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const pending: { event: string | undefined; data: string[] } = { event: undefined, data: [] };
  let lastId: string | undefined;
  let buffer = "";
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += decoder.decode(chunk.value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (line === "") {
          if (pending.data.length > 0)
            yield { event: pending.event || "message", data: pending.data.join("\n"), id: lastId };
          pending.event = undefined;
          pending.data = [];
        } else if (!line.startsWith(":")) {
          const colon = line.indexOf(":");
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "event") pending.event = value;
          else if (field === "data") pending.data.push(value);
          // Like EventSource, the id sticks until the next event that sets one.
          else if (field === "id") lastId = value;
        }
      }
    }
  } finally {
    // A consumer that stops early (break, return) cancels the stream, which closes the connection.
    await reader.cancel().catch(() => {});
  }
}
