// Metered (per-token) chat with an LLM AIM, the part the Channels page needs before any chat: the prices the app
// trusts (the manifest's `x-per-token`, anchored on chain by its hash) and what this browser recorded per channel
// (the SDK MeteredClient's state and every charge it accepted, in localStorage so a reload keeps them). The call
// itself (node check, authorisation, sentences) is in meteredCall.ts, loaded with the chat panel.

import { type PerTokenPrices, perTokenExtensionSchema } from "@aim/sdk/manifest-schema";
import type { MeteredCharge } from "@aim/sdk/metered";
import type { MeteredState } from "@aim/sdk/metered-client";
import type { Hex } from "viem";

/** The per-token prices of a manifest (its `x-per-token` extension), or null when it is not an LLM AIM. */
function perTokenPricesOf(manifest: unknown): PerTokenPrices | null {
  if (typeof manifest !== "object" || manifest === null) return null;
  const parsed = perTokenExtensionSchema.safeParse((manifest as Record<string, unknown>)["x-per-token"]);
  return parsed.success ? parsed.data : null;
}

/** The per-token prices of the manifest at `version` (the one a node offers), else of the latest version. */
export function perTokenPricesAt(
  versions: readonly { version: string; manifest?: unknown }[],
  version: string | undefined,
): PerTokenPrices | null {
  return perTokenPricesOf((versions.find((v) => v.version === version) ?? versions[0])?.manifest);
}

// ─── What this browser recorded per channel ─────────────────────────────────────────────────────────

/** A charge as recorded here: the node's report the client accepted, with when it was made. */
export type RecordedCharge = MeteredCharge & { at: number };

export interface MeteredRecord {
  state: MeteredState;
  charges: RecordedCharge[];
}

const RECORD_KEY = (channelId: Hex) => `aim.channel.${channelId.toLowerCase()}.metered`;

export function meteredRecordOf(channelId: Hex): MeteredRecord {
  try {
    const raw = localStorage.getItem(RECORD_KEY(channelId));
    if (!raw) return { state: { charged: 0n, signed: 0n }, charges: [] };
    const stored = JSON.parse(raw) as {
      state: { charged: string; signed: string; pending?: { before: string; authorized: string } };
      charges: RecordedCharge[];
    };
    const { pending } = stored.state;
    return {
      state: {
        charged: BigInt(stored.state.charged),
        signed: BigInt(stored.state.signed),
        ...(pending
          ? { pending: { before: BigInt(pending.before), authorized: BigInt(pending.authorized) } }
          : {}),
      },
      charges: stored.charges,
    };
  } catch {
    return { state: { charged: 0n, signed: 0n }, charges: [] };
  }
}

export function saveMeteredRecord(channelId: Hex, record: MeteredRecord): void {
  try {
    localStorage.setItem(
      RECORD_KEY(channelId),
      JSON.stringify(record, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
    );
  } catch {
    // Storage disabled: the record lives as long as the page.
  }
}
