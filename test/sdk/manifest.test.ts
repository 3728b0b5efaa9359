import { readFileSync } from "node:fs";
import {
  callFeeBps,
  formatIssues,
  fromDataUri,
  MAX_MANIFEST_BYTES,
  type Manifest,
  manifestHash,
  parseManifest,
  toDataUri,
} from "@aim/sdk/manifest";
import { keccak256 } from "viem";
import { describe, expect, it } from "vitest";

const EXAMPLES = ["text-stats", "echo", "sentiment", "translation"] as const;
const bytesOf = (name: string) => readFileSync(new URL(`../../sdk/examples/${name}.json`, import.meta.url));
// biome-ignore lint/suspicious/noExplicitAny: the tests reach into arbitrary JSON to break it
type Json = Record<string, any>;
const base = (): Json => JSON.parse(bytesOf("text-stats").toString("utf8"));

/** Applies `mutate` to a copy of the text-stats manifest and returns the issues (expects a refusal). */
function issuesAfter(mutate: (m: Json) => void) {
  const manifest = base();
  mutate(manifest);
  const result = parseManifest(manifest);
  if (result.ok) throw new Error("expected the manifest to be refused");
  return result.issues;
}

describe("example manifests", () => {
  for (const name of EXAMPLES) {
    it(`${name}.json is valid from bytes, text and object`, () => {
      const bytes = bytesOf(name);
      for (const input of [
        new Uint8Array(bytes),
        bytes.toString("utf8"),
        JSON.parse(bytes.toString("utf8")),
      ]) {
        const result = parseManifest(input);
        expect(result.ok, result.ok ? "" : formatIssues(result.issues)).toBe(true);
      }
    });
  }

  it("reads the per-call royalty in basis points", () => {
    const fee = (name: string) =>
      callFeeBps((parseManifest(bytesOf(name)) as { manifest: Manifest }).manifest);
    expect(fee("text-stats")).toBe(500);
    expect(fee("sentiment")).toBe(750);
    expect(fee("translation")).toBe(1000);
    expect(fee("echo")).toBe(0);
  });

  it("keeps unknown fields at every level", () => {
    const manifest = base();
    manifest["x-vendor"] = { gpu: true };
    manifest.endpoints[0].rate_limit = 10;
    const result = parseManifest(manifest);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect((result.manifest as Record<string, unknown>)["x-vendor"]).toEqual({ gpu: true });
    expect((result.manifest.endpoints[0] as Record<string, unknown>).rate_limit).toBe(10);
    const translation = parseManifest(bytesOf("translation"));
    expect(translation.ok && (translation.manifest as Record<string, unknown>)["x-hypercycle"]).toBeTruthy();
  });
});

describe("invalid fields name the field and the reason", () => {
  const cases: [string, (m: Json) => void, string, RegExp][] = [
    [
      "missing name",
      (m) => {
        delete m.name;
      },
      "name",
      /missing; expected a string/,
    ],
    [
      "empty name",
      (m) => {
        m.name = "";
      },
      "name",
      /must not be empty/,
    ],
    [
      "name too long",
      (m) => {
        m.name = "x".repeat(101);
      },
      "name",
      /at most 100 characters/,
    ],
    [
      "short_name with spaces",
      (m) => {
        m.short_name = "Text Stats";
      },
      "short_name",
      /lowercase ASCII/,
    ],
    [
      "version as number",
      (m) => {
        m.version = 1;
      },
      "version",
      /version/,
    ],
    [
      "bad documentation_url",
      (m) => {
        m.documentation_url = "javascript:alert(1)";
      },
      "documentation_url",
      /http\(s\) or ipfs URL/,
    ],
    [
      "no endpoints",
      (m) => {
        m.endpoints = [];
      },
      "endpoints",
      /at least one endpoint/,
    ],
    [
      "endpoints not an array",
      (m) => {
        m.endpoints = {};
      },
      "endpoints",
      /expected an array of endpoints/,
    ],
    [
      "uri without slash",
      (m) => {
        m.endpoints[0].uri = "analyze";
      },
      "endpoints[0].uri",
      /starting with \//,
    ],
    [
      "unknown method",
      (m) => {
        m.endpoints[0].methods = ["FETCH"];
      },
      "endpoints[0].methods[0]",
      /one of GET, POST/,
    ],
    [
      "duplicate method",
      (m) => {
        m.endpoints[0].methods = ["POST", "POST"];
      },
      "endpoints[0].methods",
      /twice/,
    ],
    [
      "unknown currency",
      (m) => {
        m.endpoints[0].currency = "EUR";
      },
      "endpoints[0].currency",
      /one of USDC, HyPC/,
    ],
    [
      "negative min",
      (m) => {
        m.endpoints[0].price_per_call.min = -1;
      },
      "endpoints[0].price_per_call.min",
      /^expected a non-negative integer \(micro-USDC\)$/,
    ],
    [
      "fractional max",
      (m) => {
        m.endpoints[0].price_per_call.max = 0.5;
      },
      "endpoints[0].price_per_call.max",
      /non-negative integer \(micro-USDC\)/,
    ],
    [
      "price as string",
      (m) => {
        m.endpoints[0].price_per_call.estimated_cost = "10000";
      },
      "endpoints[0].price_per_call.estimated_cost",
      /micro-USDC/,
    ],
    [
      "missing price",
      (m) => {
        delete m.endpoints[0].price_per_call;
      },
      "endpoints[0].price_per_call",
      /missing/,
    ],
    [
      "min above max",
      (m) => Object.assign(m.endpoints[0].price_per_call, { min: 20000, max: 10000 }),
      "endpoints[0].price_per_call.min",
      /must not exceed max \(10000\)/,
    ],
    [
      "estimate outside range",
      (m) => {
        m.endpoints[0].price_per_call.estimated_cost = 1;
      },
      "endpoints[0].price_per_call.estimated_cost",
      /between min \(10000\) and max \(10000\)/,
    ],
    [
      "NaN-like price",
      (m) => {
        m.endpoints[0].price_per_mb = Number.POSITIVE_INFINITY;
      },
      "endpoints[0].price_per_mb",
      /micro-USDC/,
    ],
    [
      "huge unsafe price",
      (m) => {
        m.endpoints[0].price_per_mb = 2 ** 60;
      },
      "endpoints[0].price_per_mb",
      /micro-USDC/,
    ],
    [
      "io spec as number",
      (m) => {
        m.endpoints[0].input_body = 42;
      },
      "endpoints[0].input_body",
      /string or an object/,
    ],
    [
      "royalty address",
      (m) => {
        m.royalties.address = "0x1234";
      },
      "royalties.address",
      /20-byte address/,
    ],
    [
      "bad checksum",
      (m) => {
        m.royalties.address = "0x70997970c51812dc3A010C7d01b50e0d17dc79C8";
      },
      "royalties.address",
      /checksum/,
    ],
    [
      "fee above cap",
      (m) => {
        m.royalties.fee_percent = 30;
      },
      "royalties.fee_percent",
      /between 0 and 25/,
    ],
    [
      "fee with 3 decimals",
      (m) => {
        m.royalties.fee_percent = 1.234;
      },
      "royalties.fee_percent",
      /two decimals/,
    ],
    [
      "tags not strings",
      (m) => {
        m.tags = [1];
      },
      "tags[0]",
      /expected a string/,
    ],
    [
      "x-cardano policy id not 28 bytes of hex",
      (m) => {
        m["x-cardano"] = { policy_id: "ab".repeat(27) };
      },
      `["x-cardano"].policy_id`,
      /56 lowercase hex characters/,
    ],
    [
      "x-cardano asset name not hex",
      (m) => {
        m["x-cardano"] = { policy_id: "ab".repeat(28), asset_name: "sentiment" };
      },
      `["x-cardano"].asset_name`,
      /1-32 bytes of lowercase hex/,
    ],
    [
      "x-cardano not an object",
      (m) => {
        m["x-cardano"] = "policy";
      },
      `["x-cardano"]`,
      /policy_id/,
    ],
  ];
  for (const [title, mutate, path, reason] of cases) {
    it(title, () => {
      const issue = issuesAfter(mutate).find((i) => i.path === path);
      expect(issue, JSON.stringify(issuesAfter(mutate))).toBeDefined();
      expect(issue?.reason).toMatch(reason);
    });
  }

  it("lists every problem at once and formats them as path: reason", () => {
    const issues = issuesAfter((m) => {
      delete m.author;
      m.endpoints[0].price_per_call.min = -1;
    });
    expect(issues.map((i) => i.path).sort()).toEqual(["author", "endpoints[0].price_per_call.min"]);
    expect(formatIssues(issues)).toContain(
      "endpoints[0].price_per_call.min: expected a non-negative integer (micro-USDC)",
    );
  });
});

describe("hostile input", () => {
  it("refuses text that is not JSON", () => {
    for (const input of ["", "{", "name: x", "{'a':1}", "NaN"]) {
      const result = parseManifest(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]?.reason).toMatch(/^not valid JSON/);
    }
  });

  it("refuses JSON that is not an object", () => {
    for (const value of [null, 42, "text", [], true]) {
      const result = parseManifest(JSON.stringify(value));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues).toEqual([{ path: "", reason: "expected a JSON object" }]);
    }
    expect(parseManifest(undefined).ok).toBe(false);
  });

  it("refuses huge manifests before parsing, as text or bytes", () => {
    const huge = JSON.stringify({ ...base(), description: "a".repeat(MAX_MANIFEST_BYTES) });
    for (const input of [huge, new TextEncoder().encode(huge)]) {
      const result = parseManifest(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]?.reason).toMatch(/too large: \d+ bytes, the limit is 262144/);
    }
    // 100,000 characters of 3-byte UTF-8 are 300,000 bytes: measured in bytes, not code units.
    const wide = JSON.stringify({ ...base(), description: "€".repeat(100_000) });
    expect(parseManifest(wide).ok).toBe(false);
  });

  it("survives deeply nested unknown fields", () => {
    const deep = `{"x":${"[".repeat(50_000)}${"]".repeat(50_000)}}`;
    const result = parseManifest(deep);
    expect(result.ok).toBe(false);
  });

  it("refuses invalid UTF-8 bytes", () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const result = parseManifest(bytes);
    expect(result.ok === false && result.issues[0]?.reason).toBe("not valid UTF-8");
  });

  it("refuses bidirectional overrides, zero-width and control characters in names", () => {
    for (const name of [
      "Text\u202EStats",
      "Text\u200BStats",
      "Text\u0000Stats",
      "Text\nStats",
      "\uFEFFText",
    ]) {
      const issue = issuesAfter((m) => {
        m.name = name;
      }).find((i) => i.path === "name");
      expect(issue?.reason, JSON.stringify(name)).toMatch(/control, zero-width|single line/);
    }
    const surrogate = issuesAfter((m) => {
      m.author = "abc\uD800";
    }).find((i) => i.path === "author");
    expect(surrogate?.reason).toMatch(/unpaired UTF-16 surrogate/);
  });

  it("refuses look-alike short names but accepts Unicode display names", () => {
    expect(
      issuesAfter((m) => {
        m.short_name = "tеxt-stats";
      }).some((i) => i.path === "short_name"),
    ).toBe(true); // Cyrillic е
    const manifest = { ...base(), name: "Texte — statistiques 文本统计 😀" };
    expect(parseManifest(manifest).ok).toBe(true);
  });

  it("does not let __proto__ pollute anything", () => {
    const text = JSON.stringify(base()).replace(/^\{/, '{"__proto__":{"polluted":"yes"},');
    const result = parseManifest(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.ok) expect((result.manifest as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("hash and data: URIs", () => {
  it("hashes the exact bytes", () => {
    const bytes = bytesOf("echo");
    expect(manifestHash(new Uint8Array(bytes))).toBe(keccak256(new Uint8Array(bytes)));
    expect(manifestHash(bytes.toString("utf8"))).toBe(keccak256(new Uint8Array(bytes)));
    expect(manifestHash(`${bytes.toString("utf8")} `)).not.toBe(keccak256(new Uint8Array(bytes)));
  });

  it("round-trips the exact bytes through a data: URI, Unicode included", () => {
    const bytes = new Uint8Array(bytesOf("translation"));
    const uri = toDataUri(bytes);
    expect(uri.startsWith("data:application/json;base64,")).toBe(true);
    const back = fromDataUri(uri);
    expect(manifestHash(back)).toBe(manifestHash(bytes));
    expect(parseManifest(back).ok).toBe(true);
    expect(new TextDecoder().decode(fromDataUri(toDataUri({ a: "é" })))).toBe('{"a":"é"}');
  });

  it("reads percent-encoded JSON data: URIs and refuses other URIs", () => {
    expect(new TextDecoder().decode(fromDataUri("data:application/json,%7B%22a%22%3A1%7D"))).toBe('{"a":1}');
    expect(() => fromDataUri("ipfs://bafy")).toThrow(/not a data: URI/);
    expect(() => fromDataUri("data:text/html;base64,PGI+")).toThrow(/media type is "text\/html"/);
    expect(() => fromDataUri("data:application/json;base64,***")).toThrow(/not valid base64/);
    expect(() => fromDataUri("data:application/json")).toThrow(/no comma/);
  });
});
