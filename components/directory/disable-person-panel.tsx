import Link from "next/link";
import { setPersonDisabled } from "@/app/admin/people/actions";
import { Button, buttonClasses } from "@/components/ui/button";
import type { PersonResponse } from "@/lib/directory/person-responses";

type Props = { person: PersonResponse; confirming: "disable" | "enable" | undefined; isSelf: boolean };

/**
 * Disabling and enabling a person, each asked twice: a link to the question, then a button that
 * does it. Disabling ends their sessions and API use at once, so it is never one slip of a key.
 */
export function DisablePersonPanel({ person, confirming, isSelf }: Props) {
  const next = person.disabled ? "enable" : "disable";
  return (
    <section aria-labelledby="access" className="mt-10 max-w-2xl border-t-2 border-border pt-6">
      <h2 id="access" className="mb-4 text-2xl font-bold">
        Access
      </h2>
      {isSelf ? (
        <p>This is your own account. Another administrator can disable it.</p>
      ) : confirming === next ? (
        <div className="border-l-4 border-danger bg-panel p-4">
          <h3 className="mb-2 text-xl font-bold">
            {next === "disable" ? `Disable ${person.name}?` : `Enable ${person.name} again?`}
          </h3>
          <p className="mb-4">
            {next === "disable"
              ? "They are signed out everywhere at once, cannot sign in, and stop receiving notifications. Their history stays."
              : "They can sign in again and receive notifications."}
          </p>
          <form action={setPersonDisabled} className="flex flex-wrap items-center gap-6">
            <input type="hidden" name="id" value={person.id} />
            <input type="hidden" name="disabled" value={next === "disable" ? "true" : "false"} />
            <Button type="submit" variant={next === "disable" ? "warning" : "primary"}>
              {next === "disable" ? `Yes, disable ${person.name}` : `Yes, enable ${person.name}`}
            </Button>
            <Link href={`/admin/people/${person.id}`}>Cancel</Link>
          </form>
        </div>
      ) : (
        <>
          <p className="mb-4">
            {person.disabled
              ? "They cannot sign in and receive no notifications."
              : "Disabling someone signs them out at once and stops their notifications; their history stays."}
          </p>
          <Link
            href={`/admin/people/${person.id}?confirm=${next}#access`}
            className={buttonClasses(next === "disable" ? "warning" : "secondary", "no-underline")}
          >
            {next === "disable" ? `Disable ${person.name}` : `Enable ${person.name}`}
          </Link>
        </>
      )}
    </section>
  );
}
