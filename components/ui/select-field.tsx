/** The border and padding every form field in the app shares. */
export const fieldClasses = "w-full min-w-0 border-2 border-ink bg-white p-2";

export type SelectOption = { value: string; label: string };

/**
 * A labelled drop-down whose first option means "no filter" (an empty value), as the inbox and
 * outbox filters use them. Uncontrolled, so it works in plain GET forms as well as script ones.
 */
export function SelectField({
  id,
  name,
  label,
  anyLabel,
  options,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  options: readonly SelectOption[];
  defaultValue: string | undefined;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="font-bold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} className={fieldClasses}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
