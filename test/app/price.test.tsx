// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Price, PriceBreakdown } from "../../app/src/components/Price.js";
import {
  type Currency,
  ETH,
  formatBps,
  formatMicroUsdc,
  formatPrice,
  formatUnitsFixed,
  parseAmount,
} from "../../app/src/lib/price.js";

afterEach(cleanup);

const USDC: Currency = {
  address: "0x00000000000000000000000000000000000000aa",
  symbol: "tUSDC",
  decimals: 6,
};

describe("formatting", () => {
  it("formats ETH with at most 6 fraction digits, truncating", () => {
    expect(formatPrice(50_000_000_000_000_000n, ETH)).toBe("0.05 ETH");
    expect(formatPrice(1_234_567_891_234_567_891n, ETH)).toBe("1.234567 ETH");
    expect(formatPrice(1_000_000_000_000_000_000_000n, ETH)).toBe("1,000 ETH");
    expect(formatPrice(0n, ETH)).toBe("0 ETH");
    expect(formatPrice(1n, ETH)).toBe("<0.000001 ETH");
  });
  it("formats a 6-decimal stablecoin exactly", () => {
    expect(formatPrice(12_500_000n, USDC)).toBe("12.5 tUSDC");
    expect(formatPrice(1n, USDC)).toBe("0.000001 tUSDC");
    expect(formatUnitsFixed(-1_500_000n, 6)).toBe("-1.5");
  });
  it("shows micro-USDC manifest prices as dollars", () => {
    expect(formatMicroUsdc(10_000)).toBe("$0.01");
    expect(formatMicroUsdc(1_500n)).toBe("$0.0015");
    expect(formatMicroUsdc(2_000_000n)).toBe("$2.00");
    expect(formatMicroUsdc(0)).toBe("$0.00");
  });
  it("formats basis points as percentages", () => {
    expect(formatBps(250n)).toBe("2.5%");
    expect(formatBps(1000)).toBe("10%");
  });
});

describe("parseAmount", () => {
  it("parses decimals into base units", () => {
    expect(parseAmount("0.05", 18)).toEqual({ ok: true, value: 50_000_000_000_000_000n });
    expect(parseAmount("1,000.5", 6)).toEqual({ ok: true, value: 1_000_500_000n });
    expect(parseAmount(".5", 6)).toEqual({ ok: true, value: 500_000n });
  });
  it("explains what is wrong", () => {
    expect(parseAmount("", 6)).toEqual({ ok: false, error: "Enter an amount." });
    expect(parseAmount("1.2.3", 6)).toMatchObject({ ok: false, error: expect.stringContaining("one dot") });
    expect(parseAmount("0.0000001", 6)).toEqual({ ok: false, error: "At most 6 digits after the dot." });
    expect(parseAmount("-1", 6).ok).toBe(false);
  });
});

describe("<PriceBreakdown>", () => {
  it("shows the total, the fee, the royalty and what the seller receives", () => {
    render(
      <PriceBreakdown
        pricePerUnit={10_000_000_000_000_000n}
        quantity={2n}
        feeBps={250n}
        royaltyBps={500n}
        currency={ETH}
      />,
    );
    expect(screen.getByTestId("total").textContent).toBe("0.02 ETH");
    expect(screen.getByTestId("fee").textContent).toBe("0.0005 ETH");
    expect(screen.getByTestId("royalty").textContent).toBe("0.001 ETH");
    expect(screen.getByTestId("proceeds").textContent).toBe("0.0185 ETH");
    expect(screen.getByText("Marketplace fee (2.5%)")).toBeTruthy();
    expect(screen.getByText("Creator royalty (5%)")).toBeTruthy();
  });
  it("<Price> keeps the exact base units in its title", () => {
    render(<Price amount={12_500_000n} currency={USDC} />);
    const el = screen.getByText("12.5 tUSDC");
    expect(el.getAttribute("title")).toBe("12500000 base units");
  });
});
