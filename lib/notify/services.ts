/**
 * GOV.UK Notify services callers may name in `serviceKey`. The keys (secrets) stay server-side;
 * callers only ever send the name. The embedded default configures one service, `housing`.
 */
export function configuredServiceKeys(environment: Record<string, string | undefined> = process.env): string[] {
  const names = (environment.NOTIFY_SERVICES ?? "housing")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return [...new Set(names)];
}

/** What a caller is told when `serviceKey` names no configured service. */
export function unknownServiceMessage(): string {
  return `Not a configured GOV.UK Notify service; use one of: ${configuredServiceKeys().join(", ")}`;
}
