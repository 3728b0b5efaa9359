// The publish form's fields and their validation, field by field, as pure functions: the
// component shows each error beside its field as the user types; tests call these directly.
import { isAddress } from "viem";
import { parseAmount } from "./price.js";

export interface ManifestIssue {
  /** `endpoints[0].price_per_call.min`; "" is the whole document. */
  path: string;
  reason: string;
}

/** The shape of sdk/manifest.ts's parseManifest (kept structural so the form takes any validator). */
export type ManifestCheck<M> = { ok: true; manifest: M } | { ok: false; issues: ManifestIssue[] };

interface PayeeRow {
  address: string;
  shares: string;
}

export interface PublishFields {
  manifestText: string;
  /** Sale royalty in percent, e.g. "5" or "2.5". */
  royaltyPercent: string;
  payees: PayeeRow[];
  /** Empty = unlimited. */
  maxSupply: string;
  /** Licenses minted to the creator on publish. */
  mintAmount: string;
  list: boolean;
  listQuantity: string;
  listPrice: string;
  /** address(0) for ETH or an ERC-20 address from deployments. */
  currency: string;
  /** Empty = never. */
  expiryDays: string;
}

const MAX_SALE_ROYALTY_PERCENT = 10;
const MAX_PAYEES = 10;

export type FieldErrors = Partial<Record<string, string>>;

function wholeNumber(text: string, { min, label }: { min: number; label: string }): bigint | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `${label} must be a whole number.`;
  const v = BigInt(t);
  if (v < BigInt(min)) return `${label} must be at least ${min}.`;
  return v;
}

/** Every field error of the form except the manifest's (those come from the manifest validator). */
export function validatePublishFields(fields: PublishFields, currencyDecimals: number): FieldErrors {
  const errors: FieldErrors = {};
  const pct = fields.royaltyPercent.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(pct))
    errors.royaltyPercent = "Use a percentage such as 5 or 2.5 (two decimals at most).";
  else if (Number(pct) > MAX_SALE_ROYALTY_PERCENT)
    errors.royaltyPercent = `The sale royalty is capped at ${MAX_SALE_ROYALTY_PERCENT}%.`;

  if (fields.payees.length === 0) errors.payees = "Add at least one royalty payee.";
  if (fields.payees.length > MAX_PAYEES) errors.payees = `At most ${MAX_PAYEES} payees.`;
  const seen = new Set<string>();
  fields.payees.forEach((row, i) => {
    const a = row.address.trim();
    if (!isAddress(a, { strict: false }))
      errors[`payees.${i}.address`] = "Enter a 0x address of 40 hex digits.";
    else if (seen.has(a.toLowerCase())) errors[`payees.${i}.address`] = "This payee is already listed.";
    seen.add(a.toLowerCase());
    const s = wholeNumber(row.shares, { min: 1, label: "Shares" });
    if (typeof s === "string") errors[`payees.${i}.shares`] = s;
  });

  let maxSupply: bigint | undefined;
  if (fields.maxSupply.trim() !== "") {
    const v = wholeNumber(fields.maxSupply, { min: 1, label: "Max supply" });
    if (typeof v === "string") errors.maxSupply = `${v} Leave it empty for unlimited.`;
    else maxSupply = v;
  }
  const mint = wholeNumber(fields.mintAmount, { min: 0, label: "Licenses to mint" });
  if (typeof mint === "string") errors.mintAmount = mint;
  else if (maxSupply !== undefined && mint > maxSupply)
    errors.mintAmount = `Cannot mint more than the max supply (${maxSupply}).`;

  if (fields.list) {
    const q = wholeNumber(fields.listQuantity, { min: 1, label: "Quantity to list" });
    if (typeof q === "string") errors.listQuantity = q;
    else if (typeof mint !== "string" && q > mint)
      errors.listQuantity = `You can list at most the ${mint} you mint.`;
    const price = parseAmount(fields.listPrice, currencyDecimals);
    if (!price.ok) errors.listPrice = price.error;
    else if (price.value === 0n) errors.listPrice = "The price must be more than zero.";
    if (fields.expiryDays.trim() !== "") {
      const d = wholeNumber(fields.expiryDays, { min: 1, label: "Expiry" });
      if (typeof d === "string") errors.expiryDays = `${d} Leave it empty for no expiry.`;
    }
  }
  return errors;
}

/** Sale royalty percent text -> basis points ("2.5" -> 250n). Call only on a valid field. */
export function percentToBps(text: string): bigint {
  const [whole = "0", frac = ""] = text.trim().split(".");
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, "0").slice(0, 2) || "0");
}

/** A JSON syntax error with its line and column, or null when the text parses. */
export function jsonSyntaxError(text: string): ManifestIssue | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    const pos = /position (\d+)/.exec(message);
    if (pos) {
      const offset = Number(pos[1]);
      const before = text.slice(0, offset).split("\n");
      const line = before.length;
      const column = (before[before.length - 1]?.length ?? 0) + 1;
      return {
        path: "",
        reason: `Not valid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at.*$/, "")}.`,
      };
    }
    return { path: "", reason: `Not valid JSON: ${message}` };
  }
}
