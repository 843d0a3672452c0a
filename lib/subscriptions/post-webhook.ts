import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";

// One webhook POST, to an address already checked by the SSRF rule: the socket connects to that
// address whatever DNS says by now (no second lookup to rebind), while the Host header, TLS SNI and
// certificate check still use the URL's host name. Redirects are not followed: a 3xx is an answer.

/** The first part of the receiver's answer kept with the attempt. */
export const responseExcerptBytes = 2048;

/** Past this much of an answer the connection is closed rather than read to the end. */
const maxDrainedBytes = 1024 * 1024;

/** Standard Webhooks gives a receiver 15 seconds. */
export const webhookTimeoutMs = 15_000;

export type WebhookPost = {
  url: URL;
  /** One of the addresses checkWebhookUrl allowed for the URL's host. */
  address: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
  /** Certificates to trust instead of Node's roots: a test's own CA; production never sets it. */
  trustedCa?: string;
};

export type WebhookAnswer = {
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string;
  /** Why there was no answer: timeout, refused, reset, … */
  error: string | null;
  retryAfter: string | undefined;
};

// Kept-alive sockets are shared between sends to the same host and port; each was opened to an
// address that passed the check when it was opened.
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 50 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 50 }),
};

function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function errorName(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ECONNREFUSED":
      return "refused";
    case "ECONNRESET":
    case "EPIPE":
      return "reset";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "unreachable";
    default:
      return code ? `network: ${code}` : `network: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** POSTs the body and resolves with the answer or the reason there was none; never rejects. */
export function postWebhook({
  url,
  address,
  headers,
  body,
  timeoutMs = webhookTimeoutMs,
  trustedCa,
}: WebhookPost): Promise<WebhookAnswer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const isHttps = url.protocol === "https:";
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Omit<WebhookAnswer, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...answer, durationMs: elapsed() });
    };
    const request = (isHttps ? https : http).request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: url.port || (isHttps ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: "POST",
        agent: agents[isHttps ? "https:" : "http:"],
        lookup: pinnedLookup(address),
        // The agent keys its sockets by the CA too, so a test's trust never reaches another send.
        ...(trustedCa ? { ca: trustedCa } : {}),
        headers: {
          ...headers,
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "notification-centre-webhooks",
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () =>
          finish({
            statusCode: response.statusCode ?? null,
            // PostgreSQL text (and jsonb) cannot hold NUL: a receiver's binary answer must not stop its record.
            responseExcerpt: Buffer.concat(chunks).toString("utf8").replaceAll("\u0000", "\uFFFD"),
            error: null,
            retryAfter: headerValue(response.headers["retry-after"]),
          });
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          // The rest of a long answer is read (so the socket can be kept) up to a limit, then dropped.
          if (received > maxDrainedBytes) {
            done();
            request.destroy();
            return;
          }
          if (kept >= responseExcerptBytes) return;
          chunks.push(chunk.subarray(0, responseExcerptBytes - kept));
          kept += Math.min(chunk.length, responseExcerptBytes - kept);
        });
        response.on("end", done);
        // An answer cut off after its status line still counts as that answer.
        response.on("error", done);
        response.on("aborted", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ statusCode: null, responseExcerpt: "", error: "timeout", retryAfter: undefined });
      request.destroy(new Error("timeout"));
    }, timeoutMs);
    request.on("error", (error) =>
      finish({ statusCode: null, responseExcerpt: "", error: errorName(error), retryAfter: undefined }),
    );
    request.end(body);
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
