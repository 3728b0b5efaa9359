// Money formatting and parsing. Pure functions, bigint only:
// a price never passes through a JavaScript number.

/** A currency the marketplace accepts: address(0) is ETH. */
export interface Currency {
  address: `0x${string}`;
  symbol: string;
  decimals: number;
}

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as const;
export const ETH: Currency = { address: ZERO_ADDRESS, symbol: "ETH", decimals: 18 };
/** Manifest prices are micro-USDC: 1 USDC = 1,000,000. */
const MICRO_USDC_DECIMALS = 6;

/**
 * Formats `amount` (in base units of a `decimals`-decimal currency) with at most `maxFraction`
 * fraction digits, truncating (never rounding up a price), with thousands separators.
 */
export function formatUnitsFixed(amount: bigint, decimals: number, maxFraction = 6): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  let fraction = (abs % base).toString().padStart(decimals, "0").slice(0, Math.min(maxFraction, decimals));
  fraction = fraction.replace(/0+$/, "");
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = fraction ? `${grouped}.${fraction}` : grouped;
  if (abs !== 0n && text === "0")
    return `${negative ? ">-" : "<"}0.${"0".repeat(Math.max(0, maxFraction - 1))}1`;
  return negative ? `-${text}` : text;
}

/** "0.05 ETH", "12.5 tUSDC". ETH keeps 6 fraction digits, 6-decimal stablecoins keep all of them. */
export function formatPrice(amount: bigint, currency: Currency): string {
  return `${formatUnitsFixed(amount, currency.decimals, currency.decimals >= 18 ? 6 : currency.decimals)} ${currency.symbol}`;
}

/** A manifest price in micro-USDC as dollars: 10,000 -> "$0.01"; 1,500 -> "$0.0015". */
export function formatMicroUsdc(micro: bigint | number): string {
  const value = typeof micro === "number" ? BigInt(Math.trunc(micro)) : micro;
  const text = formatUnitsFixed(value, MICRO_USDC_DECIMALS, MICRO_USDC_DECIMALS);
  const [whole, fraction = ""] = text.split(".");
  return `$${whole}.${fraction.padEnd(2, "0")}`;
}

/**
 * Parses a decimal string typed by a person into base units. Returns an error sentence instead of
 * throwing so a form can show it beside the field.
 */
export function parseAmount(
  text: string,
  decimals: number,
): { ok: true; value: bigint } | { ok: false; error: string } {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return { ok: false, error: "Enter an amount." };
  if (!/^\d*\.?\d*$/.test(trimmed) || trimmed === ".")
    return { ok: false, error: "Use digits and one dot, e.g. 0.05." };
  const [whole = "", fraction = ""] = trimmed.split(".");
  if (fraction.length > decimals) return { ok: false, error: `At most ${decimals} digits after the dot.` };
  const value =
    BigInt(whole || "0") * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
  return { ok: true, value };
}

/** 250 -> "2.5%". */
export function formatBps(bps: bigint | number): string {
  const value = Number(bps) / 100;
  return `${Number.isInteger(value) ? value.toFixed(0) : String(value)}%`;
}

/** A short form of an address for cards: 0x1234…abcd. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
