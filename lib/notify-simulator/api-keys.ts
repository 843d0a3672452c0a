// Notify API keys are `{key_name}-{service_id}-{secret}` and clients read them from the end
// (notifications-node-client api_client.js): the last 36 characters are the secret, the 36 before
// the separating character are the service id. So key names may contain hyphens.

/** Notify's key types: `normal` is what the admin app calls a live key. */
export type KeyType = "normal" | "team" | "test";

export type SimulatedApiKey = {
  secret: string;
  type: KeyType;
  name?: string;
  /** A revoked key still matches a signature but is refused with "API key revoked". */
  revoked?: boolean;
};

export type BuildApiKeyOptions = { serviceId: string; secret: string; keyName?: string };

/** An API key in Notify's format that the real client and the simulator both accept. */
export function buildSimulatorApiKey({ serviceId, secret, keyName = "simulator" }: BuildApiKeyOptions): string {
  return `${keyName}-${serviceId}-${secret}`;
}

/** Reads a key the way notifications-node-client does; nothing is validated, as in the client. */
export function parseApiKey(apiKey: string): { serviceId: string; secret: string } {
  return { serviceId: apiKey.slice(-73, -37), secret: apiKey.slice(-36) };
}
