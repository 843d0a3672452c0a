"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/runtime";
import { parseWith } from "@/lib/api/request";
import { mayAdministerSubscriptions } from "@/lib/auth/policies";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { replayFailedMessages, sendTestEvent, setSubscriptionEnabled } from "@/lib/subscriptions/admin-actions";
import { subscriptionIdParamsSchema } from "@/lib/subscriptions/contract";

// The subscription page's buttons: each calls lib/subscriptions in one audited transaction with
// the administrator as author, then comes back to the page saying what happened.

async function requireSubscriptionsAdmin(id: string) {
  const subscriptionId = parseWith(subscriptionIdParamsSchema, { id }).id;
  const person = await requirePerson(`/admin/subscriptions/${subscriptionId}`);
  authorizePage(person, mayAdministerSubscriptions);
  return { admin: person, subscriptionId, page: `/admin/subscriptions/${subscriptionId}` };
}

/** Disable (deliveries stop) or enable again. */
export async function changeSubscriptionEnabled(id: string, enabled: boolean): Promise<void> {
  const { admin, subscriptionId, page } = await requireSubscriptionsAdmin(id);
  await setSubscriptionEnabled(await getDb(), admin, subscriptionId, enabled);
  revalidatePath("/admin/subscriptions");
  redirect(`${page}?saved=${enabled ? "enabled" : "disabled"}`);
}

/** A test payload on each channel, queued now. */
export async function sendSubscriptionTestEvent(id: string): Promise<void> {
  const { admin, subscriptionId, page } = await requireSubscriptionsAdmin(id);
  await sendTestEvent(await getDb(), admin, subscriptionId);
  redirect(`${page}?saved=test-sent`);
}

/** Step one of a replay: count the failed messages (a dry run, audited), then show the confirm button. */
export async function checkFailedReplay(id: string): Promise<void> {
  const { admin, subscriptionId, page } = await requireSubscriptionsAdmin(id);
  const outcome = await replayFailedMessages(await getDb(), admin, subscriptionId, true);
  redirect(`${page}?dryRun=${outcome.auditId}#replay`);
}

/** Step two: replay them. */
export async function confirmFailedReplay(id: string): Promise<void> {
  const { admin, subscriptionId, page } = await requireSubscriptionsAdmin(id);
  const outcome = await replayFailedMessages(await getDb(), admin, subscriptionId, false);
  redirect(`${page}?saved=replayed&queued=${outcome.queued}`);
}
