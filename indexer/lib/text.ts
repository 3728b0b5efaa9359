// Makes untrusted strings from chain data safe to store: Postgres text and json reject NUL, and
// lone UTF-16 surrogates break JSON encoders. Nothing else is changed (display is the app's job).

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes NUL characters and replaces lone surrogates with U+FFFD; truncates to `max` characters. */
export function cleanText(value: string, max = 100_000): string {
  const safe = value.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\uFFFD");
  return safe.length > max ? safe.slice(0, max) : safe;
}

/** `cleanText` applied to every string (keys included) of a JSON value; depth-limited. */
export function cleanJson(value: unknown, depth = 0): unknown {
  if (depth > 32) return null;
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) return value.map((item) => cleanJson(item, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[cleanText(key, 256)] = cleanJson(item, depth + 1);
    return out;
  }
  return typeof value === "number" || typeof value === "boolean" || value === null ? value : null;
}

// Bidirectional overrides and zero-width characters: kept in stored fields, removed from search text
// so "pay\u200Bpal" cannot hide from a search for "paypal".
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Lower-case, NFKC-normalised, invisible characters removed, whitespace collapsed. */
export function searchable(...parts: (string | null | undefined)[]): string {
  return cleanText(
    parts
      .filter((part): part is string => typeof part === "string" && part.length > 0)
      .join(" ")
      .normalize("NFKC")
      .replace(INVISIBLE, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim(),
    4_000,
  );
}
