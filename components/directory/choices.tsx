import { Fieldset } from "@/components/ui/fieldset";

export type Choice = { value: string; label: string; hint?: string };

/** Radios or checkboxes answering one question; the first carries the id the error summary links to. */
export function Choices({
  id,
  legend,
  type,
  name,
  error,
  options,
  checked,
}: {
  id: string;
  legend: string;
  type: "radio" | "checkbox";
  name: string;
  error: string | undefined;
  options: Choice[];
  checked: (value: string) => boolean;
}) {
  return (
    <Fieldset id={id} legend={legend} error={error}>
      <div className="grid gap-2">
        {options.map((option, index) => (
          <label key={option.value} className="flex items-center gap-3">
            <input
              type={type}
              id={index === 0 ? id : `${id}-${index + 1}`}
              name={name}
              value={option.value}
              defaultChecked={checked(option.value)}
              className="size-6"
            />
            <span>
              {option.label}
              {option.hint ? <span className="text-sm text-muted"> {option.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </Fieldset>
  );
}
