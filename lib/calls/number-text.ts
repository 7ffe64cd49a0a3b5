// Numbers as databases print them (numeric, bigint, jsonb numbers) against how JavaScript prints
// the number they parse to: when the two agree, the text can be used as it is.

/**
 * Where JavaScript's printing of the number text[from, to) ends when it is that text itself up to
 * there (numeric prints its scale, "12.30000": without the trailing zeros a short decimal is itself
 * again); 0 when the number must be parsed and printed.
 */
export function sameNumberEnd(text: string, from: number, to: number): number {
  const negative = text.charCodeAt(from) === MINUS;
  const digitsFrom = negative ? from + 1 : from;
  let dot = -1;
  for (let k = digitsFrom; k < to; k++) {
    const code = text.charCodeAt(k);
    if (code === DOT) dot = k;
    else if (code < ZERO || code > NINE) return 0; // an exponent
  }
  const leadingZero = text.charCodeAt(digitsFrom) === ZERO;
  if (dot < 0) {
    // An integer of up to 15 digits without a leading zero (and not "-0") prints as itself.
    const digits = to - digitsFrom;
    if (digits === 0 || digits > 15 || (leadingZero && (digits > 1 || negative))) return 0;
    return to;
  }
  let end = to;
  while (text.charCodeAt(end - 1) === ZERO) end--;
  // A whole number written with a scale ("5.00"): its integer part, but JavaScript prints -0 as "0".
  if (end - 1 === dot) return dot > digitsFrom && dot - digitsFrom <= 15 && !(leadingZero && (dot - digitsFrom > 1 || negative)) ? dot : 0;
  const integerDigits = dot - digitsFrom;
  if (integerDigits === 0) return 0;
  if (!leadingZero) return end - digitsFrom - 1 <= 15 ? end : 0;
  // 0.x: JavaScript prints below 0.000001 with an exponent.
  if (integerDigits !== 1) return 0;
  let zeros = 0;
  while (text.charCodeAt(dot + 1 + zeros) === ZERO) zeros++;
  return zeros <= 5 && end - dot - 1 <= 15 ? end : 0;
}

const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
