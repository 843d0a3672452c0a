import dns from "node:dns";
import ipaddr from "ipaddr.js";
import { ApiError } from "@/lib/api/errors";

// The SSRF rule for webhook URLs (issue 13): https only, and every address the host resolves to must
// be public. Checked when a subscription is created and again before each send (part 2), since DNS
// can change in between. WEBHOOKS_ALLOW_PRIVATE lifts both halves for tests and internal deployments.

export type ResolvedAddress = { address: string; family: number };
/** Every address a host name resolves to. Injectable, so tests never look up (or reach) a real host. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: ResolveHost = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export type WebhookUrlOptions = {
  allowPrivate: boolean;
  resolve?: ResolveHost;
  /** How long a lookup may take before the URL counts as unresolvable (a request must not hang on DNS). */
  lookupTimeoutMs?: number;
};

const defaultLookupTimeoutMs = 5_000;

async function lookUp(hostname: string, options: WebhookUrlOptions): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error("DNS lookup timed out")),
      options.lookupTimeoutMs ?? defaultLookupTimeoutMs,
    );
  });
  try {
    const resolved = await Promise.race([(options.resolve ?? systemResolver)(hostname), timeout]);
    return resolved.map((entry) => entry.address);
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}

export type WebhookUrlCheck =
  | { allowed: true; url: URL; addresses: string[] }
  | { allowed: false; reason: string; error: "ssrf-refused" | "unresolvable" };

/**
 * Only ordinary global unicast is public. ipaddr.js names every special range: private (10/8,
 * 172.16/12, 192.168/16), loopback, linkLocal (169.254/16 with the cloud metadata address, fe80::/10),
 * carrierGradeNat (100.64/10), uniqueLocal (fc00::/7, with AWS's fd00:ec2::254), multicast,
 * unspecified, broadcast, reserved, and the IPv6 forms that embed an IPv4 address (6to4, Teredo,
 * NAT64), which could smuggle a private one. IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as IPv4.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

/** Whether a webhook URL may be used, and the addresses it resolved to (part 2 connects to those). */
export async function checkWebhookUrl(raw: string, options: WebhookUrlOptions): Promise<WebhookUrlCheck> {
  const url = new URL(raw);
  if (url.protocol !== "https:" && !(options.allowPrivate && url.protocol === "http:"))
    return { allowed: false, error: "ssrf-refused", reason: "Must be an https:// URL" };
  // fetch refuses such a URL at send time, and a password does not belong in a stored URL anyway.
  if (url.username || url.password)
    return { allowed: false, error: "ssrf-refused", reason: "Must not contain a user name or password" };
  // new URL() has already turned 2130706433, 0x7f.1 and the like into dotted IPv4; IPv6 keeps brackets.
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (ipaddr.isValid(hostname)) addresses = [hostname];
  else {
    addresses = await lookUp(hostname, options);
    if (addresses.length === 0)
      return { allowed: false, error: "unresolvable", reason: `The host ${hostname} does not resolve to an address` };
  }
  const refused = options.allowPrivate ? [] : addresses.filter((address) => !isPublicAddress(address));
  if (refused.length > 0)
    return {
      allowed: false,
      error: "ssrf-refused",
      reason: `Must reach a public address; ${hostname} resolves to ${refused.join(", ")}, which is private, loopback, link-local or otherwise not public`,
    };
  return { allowed: true, url, addresses };
}

/** A 400 at `notificationChannels.webhook.url` unless the URL is allowed. */
export async function assertWebhookUrlAllowed(raw: string, options: WebhookUrlOptions): Promise<void> {
  const check = await checkWebhookUrl(raw, options);
  if (check.allowed) return;
  throw new ApiError("bad_request", "The webhook URL is not allowed", {
    errors: [{ path: "notificationChannels.webhook.url", message: check.reason }],
  });
}
