// What the outbox shows of a recipient: enough to tell messages apart, not enough to copy a
// resident's contact details off an admin's screen.

/** "rosa.diaz@example.com" → "r•••@example.com" */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}

/** "447700900123" → "•••123" */
export function maskPhone(number: string): string {
  const digits = number.replace(/\D/g, "");
  return digits.length >= 3 ? `•••${digits.slice(-3)}` : "•••";
}

/** A letter: only its postcode (the last line), which is shared by many homes. */
export function maskAddress(lines: string[]): string {
  const postcode = lines.at(-1);
  return postcode ? `••• ${postcode}` : "•••";
}
