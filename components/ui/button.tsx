import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "warning" | "link";

const variants: Record<Variant, string> = {
  primary: "bg-success text-white shadow-[0_2px_0_#002d18] hover:bg-[#005a30]",
  secondary: "bg-panel text-ink shadow-[0_2px_0_#929191] hover:bg-[#dbdad9]",
  warning: "bg-danger text-white shadow-[0_2px_0_#55150b] hover:bg-[#aa2a16]",
  link: "bg-transparent text-brand underline underline-offset-2 hover:text-brand-dark px-0 py-0 shadow-none",
};

export function buttonClasses(variant: Variant = "primary", extra = ""): string {
  return `inline-flex items-center justify-center gap-2 px-4 py-2 text-base font-semibold disabled:opacity-60 disabled:cursor-not-allowed ${variants[variant]} ${extra}`;
}

export function Button({
  variant = "primary",
  className = "",
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type={type} className={buttonClasses(variant, className)} {...props} />;
}
