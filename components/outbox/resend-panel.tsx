import Link from "next/link";
import { resendDeliveryAction } from "@/app/admin/outbox/[id]/actions";
import { channelNames } from "@/components/notifications/describe-notification";
import { Button, buttonClasses } from "@/components/ui/button";
import type { OutboxDelivery } from "@/lib/delivery-outbox/get-outbox-delivery";

type Props = { delivery: OutboxDelivery; confirming: boolean };

/**
 * Resending a failed delivery, asked twice: a link to the question, then a button that does it.
 * Each resend is a real message to a resident, so it is never one slip of a key.
 */
export function ResendPanel({ delivery, confirming }: Props) {
  if (delivery.resend.kind === "notFailed" || delivery.resentAs) return null;
  const what = channelNames[delivery.channel].toLowerCase();
  return (
    <section aria-labelledby="resend" className="mb-8 max-w-3xl border-t-2 border-border pt-6">
      <h2 id="resend" className="mb-4 text-2xl font-bold">
        Resend
      </h2>
      {delivery.resend.kind === "refused" ? (
        <p>
          This {what} cannot be resent. {delivery.resend.reason}.
        </p>
      ) : confirming ? (
        <div className="border-l-4 border-brand bg-panel p-4">
          <h3 className="mb-2 text-xl font-bold">Resend this {what}?</h3>
          <p className="mb-4">
            A new {what} goes to {delivery.recipient} through GOV.UK Notify, linked to this one. This one stays as it
            is, with its status.
          </p>
          <form action={resendDeliveryAction} className="flex flex-wrap items-center gap-6">
            <input type="hidden" name="id" value={delivery.id} />
            <Button type="submit">Yes, resend this {what}</Button>
            <Link href={`/admin/outbox/${delivery.id}`}>Cancel</Link>
          </form>
        </div>
      ) : (
        <>
          <p className="mb-4">It failed: you can send it again as a new {what}.</p>
          <Link
            href={`/admin/outbox/${delivery.id}?confirm=resend#resend`}
            className={buttonClasses("secondary", "no-underline")}
          >
            Resend this {what}
          </Link>
        </>
      )}
    </section>
  );
}
