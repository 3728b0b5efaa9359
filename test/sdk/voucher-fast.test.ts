// The native voucher recovery (sdk/voucher-fast.ts) against viem's (sdk/voucher.ts): same signer, same
// refusals with the same messages, on random vouchers, random signatures and every malformed kind.

import {
  hashVoucherTypedData,
  recoverVoucherSigner,
  type SignedVoucher,
  signVoucher,
  type Voucher,
  VoucherError,
  VoucherSignerMismatchError,
  verifyVoucher,
  voucherDigest,
} from "@aim/sdk/voucher";
import {
  describeVoucherRecovery,
  recoverVoucherSignerFast,
  recoverVoucherSignerNative,
  verifyVoucherFast,
  voucherRecoveryBackend,
} from "@aim/sdk/voucher-fast";
import { bytesToHex, getAddress, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it, vi } from "vitest";

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const random = (bytes: number) => bytesToHex(crypto.getRandomValues(new Uint8Array(bytes)));
const randomBig = (bytes: number) => BigInt(random(bytes));
const hex32 = (value: bigint) => value.toString(16).padStart(64, "0");

function randomVoucher(): Voucher {
  const amounts = [0n, 1n, 2n ** 256n - 1n, randomBig(8), randomBig(32)];
  return {
    chainId: Number(randomBig(5) % 2n ** 40n) + 1,
    contract: getAddress(random(20)),
    channelId: random(32),
    cumulativeAmount: amounts[Math.floor(Math.random() * amounts.length)] as bigint,
  };
}

/** The outcome of a recovery: the address, or the error's class and message. */
async function outcome(recover: Promise<string>): Promise<string> {
  return recover.then(
    (address) => `ok ${address}`,
    (error: Error) => `${error instanceof VoucherError ? "VoucherError" : error.name}: ${error.message}`,
  );
}

async function expectSameOutcome(voucher: SignedVoucher): Promise<string> {
  const slow = await outcome(recoverVoucherSigner(voucher));
  expect(await outcome(recoverVoucherSignerFast(voucher))).toBe(slow);
  return slow;
}

describe("fast voucher recovery", () => {
  it("loads the native binding on the platforms it ships prebuilt for", () => {
    const prebuilt = ["linux-x64", "darwin-arm64", "win32-x64"].includes(
      `${process.platform}-${process.arch}`,
    );
    expect(voucherRecoveryBackend).toBe(prebuilt ? "native" : "js");
    expect(describeVoucherRecovery()).toMatch(prebuilt ? /native libsecp256k1/ : /pure-JS/);
  });

  it("hashes the same EIP-712 digest as viem's generic hashTypedData", () => {
    for (let i = 0; i < 200; i++) {
      const voucher = randomVoucher();
      expect(voucherDigest(voucher)).toBe(hashVoucherTypedData(voucher));
    }
  });

  it("recovers the same signer as viem for many random vouchers and keys", async () => {
    for (let i = 0; i < 60; i++) {
      const account = privateKeyToAccount(generatePrivateKey());
      const signed = await signVoucher(account, randomVoucher());
      expect(await expectSameOutcome(signed)).toBe(`ok ${account.address}`);
      expect(await verifyVoucherFast(signed, account.address)).toBe(account.address);
      expect(await verifyVoucherFast(signed, account.address.toLowerCase() as Hex)).toBe(account.address);
      if (voucherRecoveryBackend === "native") {
        expect(recoverVoucherSignerNative(signed)).toBe(account.address.toLowerCase());
      }
    }
  });

  it("agrees with viem on random well-formed signatures, including ones that recover no key", async () => {
    const outcomes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const r = (randomBig(32) % (N - 1n)) + 1n;
      const s = (randomBig(32) % (N / 2n)) + 1n;
      const v = Math.random() < 0.5 ? "1b" : "1c";
      const signature = `0x${hex32(r)}${hex32(s)}${v}` as Hex;
      const result = await expectSameOutcome({ ...randomVoucher(), signature });
      outcomes.add(result.startsWith("ok") ? "ok" : result);
    }
    // Random r is the x of a curve point about half the time: both kinds of outcome were compared.
    expect(outcomes).toEqual(
      new Set(["ok", "VoucherError: invalid voucher: signature does not recover to any public key"]),
    );
  });

  it("refuses another signer with the same VoucherSignerMismatchError as verifyVoucher", async () => {
    const signer = privateKeyToAccount(generatePrivateKey());
    const expected = privateKeyToAccount(generatePrivateKey());
    const signed = await signVoucher(signer, randomVoucher());
    const slow = await verifyVoucher(signed, expected.address).catch((e: unknown) => e);
    const fast = await verifyVoucherFast(signed, expected.address).catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(VoucherSignerMismatchError);
    expect(fast).toEqual(slow);
    expect((fast as VoucherSignerMismatchError).recovered).toBe(signer.address);
    expect((fast as VoucherSignerMismatchError).expected).toBe(expected.address);
    expect((fast as Error).message).toBe((slow as Error).message);
  });

  describe("refuses malformed signatures exactly like viem's path", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const signed = await signVoucher(account, randomVoucher());
    const body = signed.signature.slice(2, 130);
    const r = BigInt(`0x${body.slice(0, 64)}`);
    const s = BigInt(`0x${body.slice(64)}`);
    const v = signed.signature.slice(130);
    const flipped = v === "1b" ? "1c" : "1b";
    const cases: [string, string, RegExp][] = [
      // The malleable twin (n - s, other parity) recovers the same key: ecrecover would take it, the contract not.
      [
        "high s (the malleable twin)",
        `0x${hex32(r)}${hex32(N - s)}${flipped}`,
        /s must be in \[1, n \/ 2\].*high s/,
      ],
      ["zero s", `0x${hex32(r)}${hex32(0n)}${v}`, /s must be in \[1, n \/ 2\].*zero/],
      ["zero r", `0x${hex32(0n)}${hex32(s)}${v}`, /r must be in \[1, n - 1\]/],
      ["r equal to the order", `0x${hex32(N)}${hex32(s)}${v}`, /r must be in \[1, n - 1\]/],
      ["v = 0 (parity without the 27 offset)", `0x${body}00`, /v must be 27 or 28, got 0/],
      ["v = 1", `0x${body}01`, /v must be 27 or 28, got 1/],
      ["v = 29", `0x${body}1d`, /v must be 27 or 28, got 29/],
      ["v = 255", `0x${body}ff`, /v must be 27 or 28, got 255/],
      ["64 bytes (compact, no v)", `0x${body}`, /65 bytes of 0x hex/],
      ["66 bytes", `0x${body}${v}00`, /65 bytes of 0x hex/],
      ["empty", "0x", /65 bytes of 0x hex/],
      ["non-hex digits", `0x${"zz".repeat(65)}`, /65 bytes of 0x hex/],
      ["no 0x prefix", `${body}${v}00`, /65 bytes of 0x hex/],
    ];
    for (const [what, signature, message] of cases) {
      it(what, async () => {
        const voucher = { ...signed, signature: signature as Hex };
        const result = await expectSameOutcome(voucher);
        expect(result).toMatch(/^VoucherError: invalid voucher: /);
        expect(result).toMatch(message);
        await expect(verifyVoucherFast(voucher, account.address)).rejects.toThrow(message);
        await expect(verifyVoucher(voucher, account.address)).rejects.toThrow(message);
      });
    }
  });

  it("refuses malformed voucher fields before recovering", async () => {
    const signed = await signVoucher(privateKeyToAccount(generatePrivateKey()), randomVoucher());
    for (const bad of [{ chainId: 0 }, { channelId: "0x12" as Hex }, { cumulativeAmount: -1n }]) {
      expect(await expectSameOutcome({ ...signed, ...bad })).toMatch(/^VoucherError: invalid voucher: /);
    }
  });

  it("falls back to viem's path when asked to (AIM_SECP256K1=js), with the same results", async () => {
    vi.resetModules();
    vi.stubEnv("AIM_SECP256K1", "js");
    try {
      const fallback = await import("@aim/sdk/voucher-fast");
      expect(fallback.voucherRecoveryBackend).toBe("js");
      expect(fallback.describeVoucherRecovery()).toMatch(/pure-JS/);
      expect(() => fallback.recoverVoucherSignerNative({} as SignedVoucher)).toThrow(/not loaded/);
      const account = privateKeyToAccount(generatePrivateKey());
      const signed = await signVoucher(account, randomVoucher());
      expect(await fallback.verifyVoucherFast(signed, account.address)).toBe(account.address);
      const other = privateKeyToAccount(generatePrivateKey()).address;
      await expect(fallback.verifyVoucherFast(signed, other)).rejects.toBeInstanceOf(
        (await import("@aim/sdk/voucher")).VoucherSignerMismatchError,
      );
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
