// Text no database here stores faithfully: PostgreSQL refuses NUL in text, and a lone UTF-16
// surrogate cannot be written as UTF-8. Input holding either is refused with the field's name.
export const MAX_INPUT_DEPTH = 64;

export type UnsafeText = { path: string; problem: string };

/** The first string (or key) in `input` that holds NUL or a lone surrogate, or nesting past the bound. */
export function findUnsafeText(input: unknown): UnsafeText | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) return { path: path.join(".") || "_", problem };
    } else if (value !== null && typeof value === "object") {
      if (path.length >= MAX_INPUT_DEPTH) return { path: path.join(".") || "_", problem: `is nested more than ${MAX_INPUT_DEPTH} levels deep` };
      for (const [key, child] of Object.entries(value)) {
        const problem = textProblem(key);
        if (problem) return { path: [...path, key.replace(/[\u0000\ud800-\udfff]/g, "?")].join("."), problem: `has a field name that ${problem}` };
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return undefined;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (LONE_SURROGATE.test(text)) return "contains an unpaired UTF-16 surrogate";
  return undefined;
}
