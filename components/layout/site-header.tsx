import Link from "next/link";
import { getCurrentPerson } from "@/lib/auth/current-person";
import { describeRoles } from "@/lib/auth/roles";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NotificationBadges } from "@/components/notifications/notification-badges";
import { getDb } from "@/db/runtime";
import { countNotifications } from "@/lib/notifications/list-notifications";

export async function SiteHeader() {
  const person = await getCurrentPerson();
  const counts = person ? await countNotifications(await getDb(), person) : undefined;
  return (
    <header className="border-b-8 border-brand bg-ink text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="text-xl font-bold text-white no-underline hover:text-white hover:underline">
          Notification Centre
        </Link>
        {person ? (
          <nav aria-label="Main" className="flex flex-wrap items-center gap-x-6 gap-y-2">
            <Link href="/" className="text-white hover:text-white">
              Inbox
            </Link>
            {person.personId ? (
              <Link href="/my/history" className="text-white hover:text-white">
                My history
              </Link>
            ) : null}
            {person.roles.includes("admin") ? (
              <Link href="/admin/api-clients" className="text-white hover:text-white">
                API clients
              </Link>
            ) : null}
            {person.roles.includes("admin") ? (
              <Link href="/admin/outbox" className="text-white hover:text-white">
                Outbox
              </Link>
            ) : null}
            <Link href="/settings/notifications" className="text-white hover:text-white">
              Settings
            </Link>
            <Link href="/api/docs" className="text-white hover:text-white">
              API docs
            </Link>
            {counts ? <NotificationBadges initialCounts={counts} /> : null}
            <span className="text-sm">
              <span className="font-semibold">{person.name}</span>{" "}
              <span className="text-[#dbdad9]">({describeRoles(person.roles)})</span>
            </span>
            <SignOutButton />
          </nav>
        ) : null}
      </div>
    </header>
  );
}
