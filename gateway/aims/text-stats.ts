// The demo AIM: text statistics (words, characters, sentences, top words). Deterministic and model-free, so
// it is the reference service for tests and benchmarks (manifest: sdk/examples/text-stats.json).
import { type AimHandler, AimInputError, type AimRequest } from "./types.js";

const MAX_TEXT_LENGTH = 100_000;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const SENTENCE_END = /[.!?]+(?=\s|$)/gu;

export interface TextStats {
  words: number;
  characters: number;
  sentences: number;
  top_words: { word: string; count: number }[];
}

/** Counts words (Unicode letters/digits, inner apostrophes), code points and sentences; top words by count. */
export function textStats(text: string, top = 5): TextStats {
  const counts = new Map<string, number>();
  let words = 0;
  for (const match of text.matchAll(WORD)) {
    words++;
    const word = match[0].toLowerCase();
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  let sentences = text.match(SENTENCE_END)?.length ?? 0;
  // Text after the last terminator (or text without any) is a sentence too.
  const tail = text.replace(/^[\s\S]*[.!?](?=\s|$)/u, "");
  if (/[\p{L}\p{N}]/u.test(tail)) sentences++;
  const top_words = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, top)
    .map(([word, count]) => ({ word, count }));
  let characters = 0;
  for (const _ of text) characters++;
  return { words, characters, sentences, top_words };
}

export const textStatsAim: AimHandler = {
  prepare(request: AimRequest) {
    if (request.uri !== "/analyze") throw new AimInputError(`unknown endpoint ${request.uri}`);
    const body = request.body as { text?: unknown; top?: unknown } | undefined;
    if (typeof body !== "object" || body === null)
      throw new AimInputError('expected a JSON body {"text": "..."}');
    if (typeof body.text !== "string") throw new AimInputError("text: expected a string");
    if (body.text.length > MAX_TEXT_LENGTH) {
      throw new AimInputError(`text: at most ${MAX_TEXT_LENGTH} characters, got ${body.text.length}`);
    }
    const top = body.top ?? 5;
    if (typeof top !== "number" || !Number.isInteger(top) || top < 1 || top > 50) {
      throw new AimInputError("top: expected an integer from 1 to 50");
    }
    const text = body.text;
    return () => textStats(text, top);
  },
};
