import type { DeliveryChannel, NotificationType } from "@/db/schema";

export const addressLineKeys = [
  "addressLine1",
  "addressLine2",
  "addressLine3",
  "addressLine4",
  "addressLine5",
  "addressLine6",
  "addressLine7",
] as const;

/** The channels a notification goes out on besides the inbox. */
export function channelsFor(body: {
  notificationType: NotificationType;
  requireEmailNotification?: boolean;
  requireSmsNotification?: boolean;
  requireLetter?: boolean;
}): DeliveryChannel[] {
  const channels = new Set<DeliveryChannel>();
  if (body.notificationType === "Email" || body.requireEmailNotification) channels.add("email");
  if (body.notificationType === "Text" || body.requireSmsNotification) channels.add("sms");
  if (body.notificationType === "Letter" || body.requireLetter) channels.add("letter");
  return [...channels];
}
