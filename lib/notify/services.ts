import { getSettings } from "@/lib/config/settings";

/**
 * GOV.UK Notify services callers may name in `serviceKey` (NOTIFY_SERVICES). The keys (secrets)
 * stay server-side; callers only ever send the name. The default configures one service, `housing`.
 */
export function configuredServiceKeys(): string[] {
  return [...getSettings().notify.services];
}

/** What a caller is told when `serviceKey` names no configured service. */
export function unknownServiceMessage(): string {
  return `Not a configured GOV.UK Notify service; use one of: ${configuredServiceKeys().join(", ")}`;
}
