// A jsonb object or array kept as the text PostgreSQL sent, for the engine: it writes the text into
// the call as it is (compacted) instead of parsing it into objects, walking them and stringifying
// them again. Anything else that looks at the value gets it parsed.

export class JsonText {
  constructor(readonly text: string) {}

  /** The value, parsed (what the driver would have given). */
  value(): unknown {
    return JSON.parse(this.text);
  }

  /** JSON.stringify of a row holding it writes the value, as before. */
  toJSON(): unknown {
    return this.value();
  }
}

/** pg's type parser for jsonb in the engine: objects and arrays as JsonText, scalars parsed. */
export function parseJsonbText(text: string): unknown {
  const first = text.charCodeAt(0);
  return first === OPEN_BRACE || first === OPEN_BRACKET ? new JsonText(text) : JSON.parse(text);
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
