"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/runtime";
import { ApiError } from "@/lib/api/errors";
import { mayResendDelivery } from "@/lib/auth/policies";
import { resendDelivery } from "@/lib/delivery/resend-delivery";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

/**
 * Resends a failed delivery after the delivery page asked the admin to confirm, then opens the new
 * delivery. A second submit (a double click) finds the resend already made and opens it too; a
 * delivery that may not be resent goes back to its page, which says why.
 */
export async function resendDeliveryAction(form: FormData): Promise<void> {
  const id = z.uuid().parse(form.get("id"));
  const admin = await requirePerson(`/admin/outbox/${id}`);
  authorizePage(admin, mayResendDelivery);
  const result = await resendDelivery(await getDb(), admin, id).catch((error: unknown) => {
    if (error instanceof ApiError && (error.code === "conflict" || error.code === "not_found")) return null;
    throw error;
  });
  if (!result) redirect(`/admin/outbox/${id}`);
  revalidatePath("/admin/outbox");
  redirect(`/admin/outbox/${result.delivery.id}?resent=${result.resentNow ? "now" : "already"}`);
}
