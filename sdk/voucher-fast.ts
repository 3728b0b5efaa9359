// Fast voucher signer recovery for servers (Node only): the gateway checks one signature per paid call, and
// viem's pure-JS secp256k1 costs 3–5 ms of CPU each. This recovers with the native libsecp256k1 binding of the
// `secp256k1` package (prebuilt for linux-x64, darwin-arm64, win32-x64) and falls back to viem's path where
// no binary loads. Same digest (voucherDigestBytes), same signature checks (parseVoucherSignature) and same
// errors as ./voucher.ts, which stays the one place the voucher format is defined.
import { createRequire } from "node:module";
import { type Address, bytesToHex, getAddress, keccak256 } from "viem";
import {
  parseVoucherSignature,
  recoverVoucherSigner,
  type SignedVoucher,
  unrecoverableSignature,
  VoucherSignerMismatchError,
  voucherDigestBytes,
} from "./voucher.js";

/** The part of the `secp256k1` package's native binding used here (see its API.md). */
interface Secp256k1Binding {
  ecdsaRecover(
    signature: Uint8Array,
    recoveryId: number,
    message: Uint8Array,
    compressed: false,
    output?: Uint8Array,
  ): Uint8Array;
}

function loadNative(): Secp256k1Binding | undefined {
  if (process.env.AIM_SECP256K1 === "js") return undefined;
  try {
    // `secp256k1/bindings` is the native addon only (the package's index silently falls back to elliptic).
    return createRequire(import.meta.url)("secp256k1/bindings") as Secp256k1Binding;
  } catch {
    return undefined;
  }
}

const native = loadNative();

/** Which implementation recovers signers in this process ("js" when AIM_SECP256K1=js or no binary loads). */
export const voucherRecoveryBackend: "native" | "js" = native ? "native" : "js";

/** A sentence for start-up logs: which secp256k1 recovers voucher signers. */
export function describeVoucherRecovery(): string {
  return native
    ? "voucher signatures: native libsecp256k1 (secp256k1 package)"
    : "voucher signatures: viem's pure-JS secp256k1 (no native secp256k1 binary loaded; about 50x slower)";
}

// Output buffer of ecdsaRecover: recovery is synchronous, so one buffer serves every call.
const publicKey = new Uint8Array(65);

/**
 * The signer's address in lower case, with native libsecp256k1. Throws VoucherError for a malformed or
 * malleable signature (see parseVoucherSignature) or one that recovers to no key; throws a plain Error if the
 * native binding did not load (check `voucherRecoveryBackend`).
 */
export function recoverVoucherSignerNative(voucher: SignedVoucher): Address {
  if (!native) throw new Error("the native secp256k1 binding is not loaded");
  const { compact, recoveryId } = parseVoucherSignature(voucher.signature);
  const digest = voucherDigestBytes(voucher);
  try {
    native.ecdsaRecover(compact, recoveryId, digest, false, publicKey);
  } catch {
    throw unrecoverableSignature();
  }
  return bytesToHex(keccak256(publicKey.subarray(1), "bytes").subarray(12)) as Address;
}

/** Same result and errors as `recoverVoucherSigner` (checksummed address), natively when possible. */
export async function recoverVoucherSignerFast(voucher: SignedVoucher): Promise<Address> {
  return native ? getAddress(recoverVoucherSignerNative(voucher)) : recoverVoucherSigner(voucher);
}

/**
 * Same result and errors as `verifyVoucher`: the checksummed signer if it is `expectedSigner`, else
 * VoucherSignerMismatchError; VoucherError for a malformed signature.
 */
export async function verifyVoucherFast(voucher: SignedVoucher, expectedSigner: Address): Promise<Address> {
  const recovered = native ? recoverVoucherSignerNative(voucher) : await recoverVoucherSigner(voucher);
  const expected = getAddress(expectedSigner);
  if (recovered.toLowerCase() !== expected.toLowerCase()) {
    throw new VoucherSignerMismatchError(getAddress(recovered), expected);
  }
  return expected;
}
