"use client";

import { useActionState } from "react";
import Link from "next/link";
import type { ErasureFormState } from "@/app/admin/people/erasure-actions";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { FormProblemsSummary } from "@/components/ui/form-problems-summary";
import { messagesByField } from "@/components/ui/form-problems";
import { understoodFieldId } from "./erase-person-fields";

type Props = {
  action: (previous: ErasureFormState, form: FormData) => Promise<ErasureFormState>;
  name: string;
  cancelHref: string;
};

/**
 * The second step of erasing: a box to tick saying it cannot be undone, then the button. Submitted
 * without the tick, the error summary takes focus and links to the box.
 */
export function ErasePersonForm({ action, name, cancelHref }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const problems = state.status === "invalid" ? state.problems : null;
  const errors = messagesByField(problems);
  return (
    <form action={formAction} className="grid max-w-2xl gap-6">
      <FormProblemsSummary problems={problems} />
      <ChoiceGroup
        id={understoodFieldId}
        legend="Confirm the erasure"
        type="checkbox"
        name="understood"
        error={errors[understoodFieldId]}
        options={[{ value: "yes", label: "I understand this cannot be undone" }]}
        checked={() => false}
      />
      <div className="flex flex-wrap items-center gap-6">
        <Button type="submit" variant="warning" disabled={pending}>
          {pending ? "Erasing…" : `Erase ${name}'s personal data`}
        </Button>
        <Link href={cancelHref}>Cancel</Link>
      </div>
    </form>
  );
}
