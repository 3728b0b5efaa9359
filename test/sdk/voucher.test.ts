import {
  decodeVoucherHeader,
  encodeVoucherHeader,
  hashVoucherTypedData,
  recoverVoucherSigner,
  type SignedVoucher,
  signVoucher,
  VOUCHER_HEADER,
  type Voucher,
  VoucherError,
  VoucherSignerMismatchError,
  verifyVoucher,
  voucherDigest,
} from "@aim/sdk/voucher";
import { createWalletClient, getAddress, type Hex, http } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { describe, expect, it } from "vitest";

const account = privateKeyToAccount(generatePrivateKey());
const other = privateKeyToAccount(generatePrivateKey());
const base: Voucher = {
  chainId: 31337,
  contract: getAddress("0x5fbdb2315678afecb367f032d93f642f64180aa3"),
  channelId: `0x${"ab".repeat(32)}`,
  cumulativeAmount: 123_456n,
};

describe("voucher signatures", () => {
  it("round-trips with a local account", async () => {
    const signed = await signVoucher(account, base);
    expect(signed.signature).toMatch(/^0x[0-9a-f]{130}$/);
    expect(await recoverVoucherSigner(signed)).toBe(account.address);
    expect(await verifyVoucher(signed, account.address)).toBe(account.address);
  });

  it("round-trips with a wallet client holding a local account", async () => {
    const wallet = createWalletClient({ account, chain: hardhat, transport: http("http://127.0.0.1:1") });
    const signed = await signVoucher(wallet, base);
    expect(await verifyVoucher(signed, account.address)).toBe(account.address);
  });

  it("refuses a wallet client without an account", async () => {
    const wallet = createWalletClient({ chain: hardhat, transport: http("http://127.0.0.1:1") });
    await expect(signVoucher(wallet, base)).rejects.toThrow(/no account/);
  });

  it("computes the same digest as viem's generic EIP-712 hashing", () => {
    expect(voucherDigest(base)).toBe(hashVoucherTypedData(base));
    const other = { ...base, chainId: 1, cumulativeAmount: 2n ** 256n - 1n };
    expect(voucherDigest(other)).toBe(hashVoucherTypedData(other));
  });

  const tampered: [string, Partial<Voucher>][] = [
    ["another chain", { chainId: 1 }],
    ["another contract", { contract: getAddress("0x0000000000000000000000000000000000000001") }],
    ["another channel", { channelId: `0x${"cd".repeat(32)}` }],
    ["another amount", { cumulativeAmount: 123_457n }],
  ];
  for (const [what, change] of tampered) {
    it(`fails to verify when moved to ${what}`, async () => {
      const signed = await signVoucher(account, base);
      const moved: SignedVoucher = { ...signed, ...change };
      await expect(verifyVoucher(moved, account.address)).rejects.toBeInstanceOf(VoucherSignerMismatchError);
      expect(await recoverVoucherSigner(moved)).not.toBe(account.address);
    });
  }

  it("fails to verify against another signer and names both addresses", async () => {
    const signed = await signVoucher(other, base);
    const error = await verifyVoucher(signed, account.address).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VoucherSignerMismatchError);
    expect((error as VoucherSignerMismatchError).recovered).toBe(other.address);
    expect((error as VoucherSignerMismatchError).expected).toBe(account.address);
  });

  it("rejects malformed vouchers with the field that is wrong", async () => {
    await expect(signVoucher(account, { ...base, chainId: 0 })).rejects.toThrow(/chainId/);
    await expect(signVoucher(account, { ...base, contract: "0x1234" })).rejects.toThrow(/contract/);
    await expect(signVoucher(account, { ...base, channelId: "0x12" })).rejects.toThrow(/channelId/);
    await expect(signVoucher(account, { ...base, cumulativeAmount: -1n })).rejects.toThrow(
      /cumulativeAmount/,
    );
    await expect(recoverVoucherSigner({ ...base, signature: "0x1234" })).rejects.toThrow(/signature/);
  });
});

describe("voucher header", () => {
  it("encodes and decodes a signed voucher unchanged", async () => {
    const signed = await signVoucher(account, base);
    const header = encodeVoucherHeader(signed);
    expect(VOUCHER_HEADER).toBe("x-aim-voucher");
    expect(header.startsWith("v1.31337.0x")).toBe(true);
    const decoded = decodeVoucherHeader(header);
    expect(decoded).toEqual({ ...signed, signature: signed.signature.toLowerCase() });
    expect(await verifyVoucher(decoded, account.address)).toBe(account.address);
  });

  it("keeps the full uint256 range of amounts", async () => {
    const signed = await signVoucher(account, { ...base, cumulativeAmount: 2n ** 256n - 1n });
    expect(decodeVoucherHeader(encodeVoucherHeader(signed)).cumulativeAmount).toBe(2n ** 256n - 1n);
  });

  const sig = `0x${"11".repeat(65)}`;
  const id = `0x${"ab".repeat(32)}`;
  const good = `v1.31337.${base.contract.toLowerCase()}.${id}.5.${sig}`;
  const malformed: [string, string, RegExp][] = [
    ["empty", "", /empty/],
    ["too long", `${good}${"0".repeat(600)}`, /longer than/],
    ["too few parts", "v1.31337.0x00", /6 dot-separated parts, got 3/],
    ["too many parts", `${good}.x`, /got 7/],
    ["unknown version", good.replace(/^v1/, "v2"), /unsupported version "v2"/],
    ["zero chain id", good.replace(".31337.", ".0."), /chainId/],
    ["non-decimal chain id", good.replace(".31337.", ".0x7a69."), /chainId/],
    ["short contract", good.replace(base.contract.toLowerCase(), "0x1234"), /contract/],
    ["short channel id", good.replace(id, "0xabcd"), /channelId/],
    ["negative amount", good.replace(".5.", ".-5."), /cumulativeAmount/],
    ["amount with leading zero", good.replace(".5.", ".05."), /cumulativeAmount/],
    ["amount over uint256", good.replace(".5.", `.${2n ** 256n}.`), /cumulativeAmount/],
    ["short signature", good.replace(sig, "0x1234"), /signature must be 65 bytes/],
    ["non-hex signature", good.replace(sig, `0x${"zz".repeat(65)}`), /signature/],
  ];
  for (const [what, header, message] of malformed) {
    it(`rejects a header with ${what}`, () => {
      expect(() => decodeVoucherHeader(header)).toThrow(VoucherError);
      expect(() => decodeVoucherHeader(header)).toThrow(message);
    });
  }

  it("refuses to encode a voucher with a malformed signature", () => {
    expect(() => encodeVoucherHeader({ ...base, signature: "0x12" as Hex })).toThrow(/signature/);
  });
});
