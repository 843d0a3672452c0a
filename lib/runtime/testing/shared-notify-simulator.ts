import { randomUUID } from "node:crypto";
import { notifyTemplateIds, startNotifySimulator, type NotifySimulator } from "@/lib/notify-simulator";
import { emailPersonalisation } from "@/lib/notify-simulator/test-support";

// Every replica and worker of a scale-out run talks to ONE Notify simulator, run by the harness, so
// each delivery can be counted at Notify exactly once. To the processes it is "the real Notify" at
// NOTIFY_BASE_URL (a simulator started inside each process would count only that process's sends).

/** A simulator for a whole cluster: no rate limit to speak of, callbacks to `callbackUrl` if given. */
export async function startSharedNotifySimulator(callbackUrl?: string): Promise<{
  simulator: NotifySimulator;
  callbackToken: string;
}> {
  const callbackToken = randomUUID();
  const simulator = await startNotifySimulator({
    port: 0,
    serviceId: randomUUID(),
    apiKeySecret: randomUUID(),
    callback: callbackUrl ? { url: callbackUrl, bearerToken: callbackToken } : undefined,
    onError: () => {},
  });
  simulator.setRateLimit({ requests: 10_000_000, perSeconds: 60 });
  return { simulator, callbackToken };
}

/** The environment that points a replica or worker at the shared simulator. */
export function sharedNotifyEnvironment(simulator: NotifySimulator, callbackToken: string): Record<string, string> {
  return {
    NOTIFY_API_KEY: simulator.apiKey,
    NOTIFY_BASE_URL: simulator.url,
    NOTIFY_CALLBACK_TOKEN: callbackToken,
    // The real-Notify path needs the council's templates; the simulator's catalogue serves here.
    NOTIFY_PREFERENCE_TEMPLATE_EMAIL: notifyTemplateIds.email.visitDue!,
    NOTIFY_PREFERENCE_TEMPLATE_SMS: notifyTemplateIds.sms.visitDue!,
    NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID: notifyTemplateIds.freeTextSms,
    NOTIFY_DIGEST_TEMPLATE_EMAIL: notifyTemplateIds.digestEmail,
    NOTIFY_SUBSCRIPTION_TEMPLATE_EMAIL: notifyTemplateIds.subscriptionEmail,
    NOTIFY_SERVICES: "housing",
    NOTIFY_RATE_LIMIT_PER_MINUTE: "1000000",
  };
}

/** A create for `userId`'s inbox that also goes out by email through the shared simulator. */
export function inboxAndEmailBody(userId: string, message: string): Record<string, unknown> {
  return {
    notificationType: "Screen",
    message,
    recipient: { userId },
    requireEmailNotification: true,
    serviceKey: "housing",
    templateId: notifyTemplateIds.email.visitDue!,
    email: "scale-out@example.gov.uk",
    personalisationParams: emailPersonalisation,
  };
}

/** How many messages Notify holds for each reference (our delivery id). */
export function countByReference(simulator: NotifySimulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of simulator.store.all())
    if (message.reference) counts.set(message.reference, (counts.get(message.reference) ?? 0) + 1);
  return counts;
}
