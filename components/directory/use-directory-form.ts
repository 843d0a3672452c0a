import { useActionState } from "react";
import { messagesByField, type FormProblems } from "@/components/ui/form-problems";

/** What a directory form's server action answers: nothing yet, or what it refused and what was typed. */
export type DirectoryFormState<Values> =
  { status: "idle" } | { status: "invalid"; problems: FormProblems; values: Values };

/**
 * A person or team form bound to its server action. After a refusal the form shows what was typed
 * with the problems beside each field; until then, the values it was opened with.
 */
export function useDirectoryForm<Values>(
  action: (previous: DirectoryFormState<Values>, form: FormData) => Promise<DirectoryFormState<Values>>,
  initialValues: Values,
) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const invalid = state.status === "invalid" ? state : null;
  return {
    formAction,
    pending,
    values: invalid ? invalid.values : initialValues,
    problems: invalid ? invalid.problems : null,
    errors: messagesByField(invalid?.problems ?? null),
  };
}
