import type { Metadata } from "next";
import { PreferencesForm } from "@/components/settings/preferences-form";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { getPreferences } from "@/lib/rules/preferences";

export const metadata: Metadata = { title: "Notification settings" };
export const dynamic = "force-dynamic";

export default async function NotificationSettingsPage() {
  const person = await requirePerson("/settings/notifications");
  const preferences = await getPreferences(await getDb(), person.id);
  return (
    <>
      <PageHeading caption="Settings">How you get notifications</PageHeading>
      <p className="mb-6 max-w-3xl text-lg">
        Choose, for each kind of notification, whether it appears in your inbox and whether you also get an email or a
        text. Emails can come straight away, or together in one daily digest at 8am if anything arrived. Anything that
        needs action always appears in your inbox, so your team can see who dealt with it.
      </p>
      <PreferencesForm initial={preferences} />
    </>
  );
}
