// A number a person types into an input box, read as the CLI reads its options: decimal digits only. Number() alone
// takes " 1 ", "1e3", "0x10" and "+5" as numbers and "" as 0; those are refused here, never guessed at.

/** Digits only: no sign, no space, no exponent, no separator, no decimal point. */
const WHOLE = /^[0-9]+$/;

/** The whole number typed, from min to max, or the problem to show while the user types. */
export function typedWholeNumber(text: string, min: number, max: number): { value: number } | { problem: string } {
  if (!WHOLE.test(text)) {
    return { problem: `A whole number from ${min} to ${max}, in digits only` };
  }
  const value = Number(text);
  if (value < min || value > max) {
    return { problem: `A whole number from ${min} to ${max} (${text.length > 12 ? `${text.slice(0, 12)}…` : text} is out of range)` };
  }
  return { value };
}
