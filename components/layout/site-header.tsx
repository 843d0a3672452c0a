import { mayAdminister, mayManageDirectory, mayManageRules } from "@/lib/auth/policies";
import { describeRoles } from "@/lib/auth/roles";
import { getCurrentPerson } from "@/lib/next-bridge/current-person";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { HeaderLink } from "@/components/layout/header-link";
import { NotificationBadges } from "@/components/notifications/notification-badges";
import { getDb } from "@/db/runtime";
import { countNotifications } from "@/lib/notifications/count-notifications";

export async function SiteHeader() {
  const person = await getCurrentPerson();
  const counts = person ? await countNotifications(await getDb(), person) : undefined;
  const isAdmin = person ? mayAdminister(person) : false;
  const keepsDirectory = person ? mayManageDirectory(person) : false;
  const keepsRules = person ? mayManageRules(person) : false;
  return (
    <header className="border-b-8 border-brand bg-ink text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <HeaderLink href="/" className="text-xl font-bold no-underline hover:underline">
          Notification Centre
        </HeaderLink>
        {person ? (
          <nav aria-label="Main" className="flex flex-wrap items-center gap-x-6 gap-y-2">
            <HeaderLink href="/">Inbox</HeaderLink>
            {person.personId ? <HeaderLink href="/my/history">My history</HeaderLink> : null}
            {keepsDirectory ? <HeaderLink href="/admin/people">People</HeaderLink> : null}
            {keepsDirectory ? <HeaderLink href="/admin/teams">Teams</HeaderLink> : null}
            {keepsRules ? <HeaderLink href="/admin/rules">Rules</HeaderLink> : null}
            {isAdmin ? <HeaderLink href="/admin">Operations</HeaderLink> : null}
            {isAdmin ? <HeaderLink href="/admin/api-clients">API clients</HeaderLink> : null}
            {isAdmin ? <HeaderLink href="/admin/outbox">Outbox</HeaderLink> : null}
            {isAdmin ? <HeaderLink href="/admin/subscriptions">Subscriptions</HeaderLink> : null}
            <HeaderLink href="/settings/notifications">Settings</HeaderLink>
            <HeaderLink href="/api/docs">API docs</HeaderLink>
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
