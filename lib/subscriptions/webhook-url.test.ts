import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { assertWebhookUrlAllowed, checkWebhookUrl, isPublicAddress, type ResolveHost } from "./webhook-url";

// A fake DNS: no test looks a name up or sends a packet anywhere, least of all to 10.x or 169.254.x.
const fakeDns: Record<string, string[]> = {
  "hooks.example.com": ["93.184.215.14"],
  "internal.example.com": ["10.1.2.3"],
  "mixed.example.com": ["93.184.215.14", "192.168.0.10"],
  "v6.example.com": ["2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
  "mapped.example.com": ["::ffff:127.0.0.1"],
  localhost: ["127.0.0.1", "::1"],
};
const looked: string[] = [];
const resolve: ResolveHost = async (hostname) => {
  looked.push(hostname);
  const addresses = fakeDns[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};
const strict = { allowPrivate: false, resolve };

describe("isPublicAddress", () => {
  it.each([
    ["93.184.215.14", true],
    ["8.8.8.8", true],
    ["2606:4700:4700::1111", true],
    ["10.0.0.1", false],
    ["172.16.5.4", false],
    ["192.168.1.1", false],
    ["127.0.0.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["224.0.0.1", false],
    ["255.255.255.255", false],
    ["::1", false],
    ["::", false],
    ["fe80::1", false],
    ["fc00::1", false],
    ["fd00:ec2::254", false],
    ["ff02::1", false],
    ["::ffff:10.0.0.1", false],
    ["::ffff:169.254.169.254", false],
    ["64:ff9b::a00:1", false],
    ["2002:a00:1::", false],
    ["not an address", false],
  ])("%s → %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("checkWebhookUrl", () => {
  it.each([
    ["http://hooks.example.com/in", "Must be an https:// URL"],
    ["ftp://hooks.example.com/in", "Must be an https:// URL"],
    ["https://127.0.0.1/in", "resolves to 127.0.0.1"],
    ["http://127.0.0.1/in", "Must be an https:// URL"],
    ["https://169.254.169.254/latest/meta-data", "resolves to 169.254.169.254"],
    ["https://2130706433/in", "resolves to 127.0.0.1"],
    ["https://[::1]/in", "resolves to ::1"],
    ["https://[::ffff:a00:1]/in", "resolves to ::ffff:a00:1"],
    ["https://internal.example.com/in", "internal.example.com resolves to 10.1.2.3"],
    ["https://mixed.example.com/in", "resolves to 192.168.0.10"],
    ["https://mapped.example.com/in", "resolves to ::ffff:127.0.0.1"],
    ["https://localhost:8443/in", "resolves to 127.0.0.1, ::1"],
    ["https://nowhere.example.com/in", "does not resolve"],
    ["https://user:secret@hooks.example.com/in", "Must not contain a user name or password"],
  ])("refuses %s", async (url, reason) => {
    const check = await checkWebhookUrl(url, strict);
    expect(check.allowed).toBe(false);
    expect(check.allowed ? "" : check.reason).toContain(reason);
  });

  it.each([
    ["https://hooks.example.com/in", ["93.184.215.14"]],
    ["https://v6.example.com/in", ["2606:2800:21f:cb07:6820:80da:af6b:8b2c"]],
    ["https://93.184.215.14:8443/in", ["93.184.215.14"]],
  ])("allows %s, with the addresses it resolved to", async (url, addresses) => {
    expect(await checkWebhookUrl(url, strict)).toMatchObject({ allowed: true, addresses });
  });

  it("with WEBHOOKS_ALLOW_PRIVATE takes plain http to private addresses, still not other schemes", async () => {
    const open = { allowPrivate: true, resolve };
    expect(await checkWebhookUrl("http://127.0.0.1:3999/in", open)).toMatchObject({ allowed: true });
    expect(await checkWebhookUrl("http://internal.example.com/in", open)).toMatchObject({ allowed: true });
    expect(await checkWebhookUrl("ftp://internal.example.com/in", open)).toMatchObject({ allowed: false });
  });

  it("counts a lookup that hangs as unresolvable rather than waiting for it", async () => {
    const hanging: ResolveHost = () => new Promise(() => {});
    const check = await checkWebhookUrl("https://slow.example.com/in", {
      allowPrivate: false,
      resolve: hanging,
      lookupTimeoutMs: 50,
    });
    expect(check).toMatchObject({ allowed: false, error: "unresolvable" });
  });

  it("never asks DNS about an address written in the URL", async () => {
    looked.length = 0;
    await checkWebhookUrl("https://10.0.0.1/in", strict);
    await checkWebhookUrl("https://[fe80::1]/in", strict);
    expect(looked).toEqual([]);
  });

  it("answers a refused URL as a 400 at notificationChannels.webhook.url", async () => {
    const error = await assertWebhookUrlAllowed("https://internal.example.com/in", strict).catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      errors: [{ path: "notificationChannels.webhook.url", message: expect.stringContaining("10.1.2.3") }],
    });
  });
});
