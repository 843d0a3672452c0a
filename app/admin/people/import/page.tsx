import type { Metadata } from "next";
import Link from "next/link";
import { ImportPeopleForm } from "@/components/directory/import-people-form";
import { PageHeading } from "@/components/ui/page-heading";
import { mayManageDirectory } from "@/lib/auth/policies";
import { importColumns } from "@/lib/directory/import/import-columns";
import { maxImportSize } from "@/lib/directory/import/import-limits";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "Import people" };
export const dynamic = "force-dynamic";

export default async function ImportPeoplePage() {
  const person = await requirePerson("/admin/people/import");
  authorizePage(person, mayManageDirectory);
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/people">Back to people</Link>
      </p>
      <PageHeading caption="Administration">Import people</PageHeading>
      <div className="mb-8 max-w-3xl text-lg">
        <p className="mb-2">
          Add and update people from a spreadsheet saved as CSV. Each row is matched to a person by email, else by
          council person id; a row that matches nobody adds someone. A column left out of the file leaves that detail
          alone; an empty cell clears it.
        </p>
        <p>
          You see what would change before anything does. One bad row and nothing is imported, with the line and column
          of each problem. Files up to {maxImportSize}, here or through the API (POST /api/v1/people/import).
        </p>
      </div>
      <ImportPeopleForm
        columnsHint={`Columns: ${importColumns.join(", ")}. Separate several roles, teams or ids with semicolons.`}
      />
    </>
  );
}
