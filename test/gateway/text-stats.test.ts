import { describe, expect, it } from "vitest";
import { AimInputError } from "../../gateway/aims/index.js";
import { textStats, textStatsAim } from "../../gateway/aims/text-stats.js";

describe("text-stats AIM", () => {
  it("matches the manifest's example call", () => {
    expect(textStats("The cat sat. The cat ran!", 2)).toEqual({
      words: 6,
      characters: 25,
      sentences: 2,
      top_words: [
        { word: "cat", count: 2 },
        { word: "the", count: 2 },
      ],
    });
  });

  it("counts Unicode words, code points and unterminated sentences", () => {
    const stats = textStats("Héllo wörld, it's 2025! Ça va? 😀 fin", 10);
    expect(stats.words).toBe(7);
    expect(stats.characters).toBe(36);
    expect(stats.sentences).toBe(3);
    expect(stats.top_words.map((w) => w.word)).toContain("it's");
    expect(textStats("", 5)).toEqual({ words: 0, characters: 0, sentences: 0, top_words: [] });
  });

  it("refuses bad input before it is paid for", () => {
    const prepare = (body: unknown) =>
      textStatsAim.prepare({ uri: "/analyze", method: "POST", query: {}, body });
    expect(() => prepare(undefined)).toThrow(AimInputError);
    expect(() => prepare({ text: 5 })).toThrow(/text: expected a string/);
    expect(() => prepare({ text: "a", top: 0 })).toThrow(/top: expected an integer from 1 to 50/);
    expect(() => prepare({ text: "x".repeat(100_001) })).toThrow(/at most 100000/);
    expect(prepare({ text: "a b a" })()).toMatchObject({ words: 3 });
  });
});
