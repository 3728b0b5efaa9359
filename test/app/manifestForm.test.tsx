// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Manifest, parseManifest } from "@aim/sdk/manifest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ManifestForm } from "../../app/src/components/ManifestForm.js";
import { type Currency, ETH } from "../../app/src/lib/price.js";
import {
  jsonSyntaxError,
  type PublishFields,
  percentToBps,
  validatePublishFields,
} from "../../app/src/lib/publishForm.js";

afterEach(cleanup);
beforeEach(() => localStorage.clear());

const USDC: Currency = {
  address: "0x00000000000000000000000000000000000000aa",
  symbol: "tUSDC",
  decimals: 6,
};
const EXAMPLE = readFileSync(join(process.cwd(), "sdk/examples/sentiment.json"), "utf8");
const PAYEE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

function renderForm(onSubmit = vi.fn()) {
  render(
    <ManifestForm<Manifest>
      validate={(text) => parseManifest(text)}
      currencies={[ETH, USDC]}
      defaultPayee={PAYEE}
      draftKey="test.draft"
      onSubmit={onSubmit}
    />,
  );
  return { onSubmit, manifest: screen.getByLabelText("manifest.json") as HTMLTextAreaElement };
}

describe("<ManifestForm>", () => {
  it("shows a JSON syntax error with its line as soon as the text is typed", () => {
    const { manifest } = renderForm();
    fireEvent.change(manifest, { target: { value: '{\n  "name": "x",\n  oops\n}' } });
    const issues = screen.getByRole("list", { name: "Manifest problems" });
    expect(issues.textContent).toMatch(/Not valid JSON at line 3/);
    expect(manifest.getAttribute("aria-invalid")).toBe("true");
  });

  it("lists schema problems field by field, live", () => {
    const { manifest } = renderForm();
    const bad = JSON.parse(EXAMPLE);
    bad.short_name = "Has Spaces";
    bad.endpoints[0].price_per_call.min = 999_999;
    delete bad.license;
    fireEvent.change(manifest, { target: { value: JSON.stringify(bad, null, 2) } });
    const items = within(screen.getByRole("list", { name: "Manifest problems" }))
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(items.some((t) => t?.startsWith("short_name:"))).toBe(true);
    expect(items.some((t) => t?.startsWith("license:") && t.includes("missing"))).toBe(true);
    expect(items.some((t) => t?.startsWith("endpoints[0].price_per_call.min:"))).toBe(true);
    // Fixing the text clears the problems and shows a preview of the manifest.
    fireEvent.change(manifest, { target: { value: EXAMPLE } });
    expect(screen.queryByRole("list", { name: "Manifest problems" })).toBeNull();
    expect(screen.getByText("✓ Manifest is valid")).toBeTruthy();
    expect(screen.getByText(/~\$0.012 per call/)).toBeTruthy();
  });

  it("validates royalty, payees, supply and listing fields beside each field", () => {
    const { manifest, onSubmit } = renderForm();
    fireEvent.change(manifest, { target: { value: EXAMPLE } });
    fireEvent.change(screen.getByLabelText("Sale royalty (%)"), { target: { value: "12" } });
    fireEvent.change(screen.getByLabelText("Payee 1 address"), { target: { value: "0x123" } });
    fireEvent.change(screen.getByLabelText("Max supply"), { target: { value: "3" } });
    fireEvent.change(screen.getByLabelText("Licenses to mint now"), { target: { value: "5" } });
    fireEvent.click(screen.getByRole("button", { name: "Publish" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText("The sale royalty is capped at 10%.")).toBeTruthy();
    expect(screen.getByText("Enter a 0x address of 40 hex digits.")).toBeTruthy();
    expect(screen.getByText("Cannot mint more than the max supply (3).")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("Fix the highlighted fields first.");
    expect(screen.getByLabelText("Sale royalty (%)").getAttribute("aria-invalid")).toBe("true");
  });

  it("submits the fields and the parsed manifest when everything is valid", () => {
    const { manifest, onSubmit } = renderForm();
    fireEvent.change(manifest, { target: { value: EXAMPLE } });
    fireEvent.change(screen.getByLabelText("Currency"), { target: { value: USDC.address } });
    fireEvent.change(screen.getByLabelText("Price per license (tUSDC)"), { target: { value: "2.5" } });
    fireEvent.click(screen.getByRole("button", { name: "Add the manifest's royalty address" }));
    fireEvent.click(screen.getByRole("button", { name: "Publish" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const [fields, parsed] = onSubmit.mock.calls[0] as [PublishFields, Manifest];
    expect(parsed.name).toBe("Sentiment Classifier");
    expect(fields.payees).toEqual([
      { address: PAYEE, shares: "100" },
      { address: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", shares: "10" },
    ]);
    expect(fields.currency).toBe(USDC.address);
    expect(fields.listPrice).toBe("2.5");
  });

  it("keeps a draft across a reload", () => {
    const { manifest } = renderForm();
    fireEvent.change(manifest, { target: { value: '{"name": "draft"}' } });
    cleanup();
    const again = renderForm();
    expect(again.manifest.value).toBe('{"name": "draft"}');
  });
});

describe("publish field rules", () => {
  const base: PublishFields = {
    manifestText: EXAMPLE,
    royaltyPercent: "2.5",
    payees: [{ address: PAYEE, shares: "1" }],
    maxSupply: "",
    mintAmount: "10",
    list: true,
    listQuantity: "10",
    listPrice: "0.01",
    currency: ETH.address,
    expiryDays: "",
  };
  it("accepts a valid form and converts percentages to basis points", () => {
    expect(validatePublishFields(base, 18)).toEqual({});
    expect(percentToBps("2.5")).toBe(250n);
    expect(percentToBps("10")).toBe(1000n);
    expect(percentToBps("0.01")).toBe(1n);
  });
  it("names each bad field", () => {
    const errors = validatePublishFields(
      {
        ...base,
        royaltyPercent: "1.234",
        payees: [
          base.payees[0] as { address: string; shares: string },
          { address: PAYEE.toLowerCase(), shares: "0" },
        ],
        listQuantity: "11",
        listPrice: "0",
        expiryDays: "x",
      },
      18,
    );
    expect(Object.keys(errors).sort()).toEqual([
      "expiryDays",
      "listPrice",
      "listQuantity",
      "payees.1.address",
      "payees.1.shares",
      "royaltyPercent",
    ]);
    expect(errors["payees.1.address"]).toBe("This payee is already listed.");
    expect(errors.listQuantity).toBe("You can list at most the 10 you mint.");
  });
  it("reports JSON syntax errors with line and column", () => {
    expect(jsonSyntaxError('{"a": 1}')).toBeNull();
    expect(jsonSyntaxError('{\n  "a": 1,\n  oops\n}')?.reason).toMatch(
      /^Not valid JSON at line 3, column 3: /,
    );
    expect(jsonSyntaxError('{"a": }')?.reason).toMatch(/^Not valid JSON/);
  });
});
