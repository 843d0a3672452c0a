import { ErrorSummary } from "./error-summary";
import type { FormProblems } from "./form-problems";

/**
 * The error summary for a failed submission: its sentences first, then a link to each field. Pass
 * the same problems object until the next attempt, so the summary takes focus once per attempt.
 */
export function FormProblemsSummary({ problems }: { problems: FormProblems | null }) {
  if (!problems) return null;
  return (
    <ErrorSummary errors={problems.errors}>
      {problems.notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
    </ErrorSummary>
  );
}
