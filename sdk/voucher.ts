// EIP-712 vouchers for contracts/PaymentChannels.sol: sign, verify, and carry them in an HTTP header.
// A voucher authorises the payee to claim up to `cumulativeAmount` (in the channel's token units) from one
// channel; it is bound to one chain id, one PaymentChannels contract (the EIP-712 domain) and one channel id.
import {
  type Address,
  bytesToHex,
  encodeAbiParameters,
  getAddress,
  type Hex,
  hashTypedData,
  hexToBytes,
  isAddress,
  isHex,
  keccak256,
  type LocalAccount,
  recoverAddress,
  type TypedDataDomain,
  toHex,
  type WalletClient,
} from "viem";

export const VOUCHER_DOMAIN_NAME = "AIM PaymentChannels";
export const VOUCHER_DOMAIN_VERSION = "1";

/** EIP-712 types of a voucher: Voucher(bytes32 channelId,uint256 cumulativeAmount). */
export const voucherTypes = {
  Voucher: [
    { name: "channelId", type: "bytes32" },
    { name: "cumulativeAmount", type: "uint256" },
  ],
} as const;

const VOUCHER_TYPEHASH = keccak256(toHex("Voucher(bytes32 channelId,uint256 cumulativeAmount)"));
const MAX_UINT256 = 2n ** 256n - 1n;
/** Order of the secp256k1 group; PaymentChannels (like OpenZeppelin's ECDSA) accepts only s <= n / 2. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const SECP256K1_HALF_N = SECP256K1_N >> 1n;

/** What a voucher says: which chain, contract and channel, and the cumulative amount it authorises. */
export interface Voucher {
  chainId: number;
  /** The PaymentChannels contract (EIP-712 verifyingContract). */
  contract: Address;
  channelId: Hex;
  cumulativeAmount: bigint;
}

export interface SignedVoucher extends Voucher {
  /** 65-byte ECDSA signature (r, s, v) over the EIP-712 digest (or an ERC-1271 signature of a contract signer). */
  signature: Hex;
}

/** A malformed voucher or voucher header. */
export class VoucherError extends Error {
  override name = "VoucherError";
}

/** The signature is well formed but was not made by the expected signer for this chain/contract/channel. */
export class VoucherSignerMismatchError extends VoucherError {
  override name = "VoucherSignerMismatchError";
  constructor(
    readonly recovered: Address,
    readonly expected: Address,
  ) {
    super(
      `voucher signed by ${recovered}, expected ${expected} (wrong key, chain, contract, channel or amount)`,
    );
  }
}

/** The EIP-712 domain of the PaymentChannels contract at `contract` on `chainId`. */
export function voucherDomain(chainId: number, contract: Address): TypedDataDomain {
  return { name: VOUCHER_DOMAIN_NAME, version: VOUCHER_DOMAIN_VERSION, chainId, verifyingContract: contract };
}

const domainSeparators = new Map<string, Uint8Array>();

function domainSeparator(chainId: number, contract: Address): Uint8Array {
  const key = `${chainId}:${contract.toLowerCase()}`;
  let separator = domainSeparators.get(key);
  if (separator === undefined) {
    separator = keccak256(
      encodeAbiParameters(
        [
          { type: "bytes32" },
          { type: "bytes32" },
          { type: "bytes32" },
          { type: "uint256" },
          { type: "address" },
        ],
        [
          keccak256(
            toHex("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
          ),
          keccak256(toHex(VOUCHER_DOMAIN_NAME)),
          keccak256(toHex(VOUCHER_DOMAIN_VERSION)),
          BigInt(chainId),
          contract,
        ],
      ),
      "bytes",
    );
    domainSeparators.set(key, separator);
  }
  return separator;
}

// Scratch buffers for the two keccak inputs: the hashing below is synchronous, so one pair is enough.
const structInput = new Uint8Array(96);
structInput.set(hexToBytes(VOUCHER_TYPEHASH), 0);
const digestInput = new Uint8Array(66);
digestInput[0] = 0x19;
digestInput[1] = 0x01;

/**
 * The EIP-712 digest as 32 bytes: keccak256(0x1901 ‖ domainSeparator ‖ keccak256(typeHash ‖ channelId ‖ amount)),
 * hashed straight from bytes with cached domain separators (no ABI encoder, no hex round trips).
 */
export function voucherDigestBytes(voucher: Voucher): Uint8Array {
  assertVoucher(voucher);
  writeHex(structInput, 32, voucher.channelId);
  writeHex(structInput, 64, `0x${voucher.cumulativeAmount.toString(16).padStart(64, "0")}`);
  digestInput.set(domainSeparator(voucher.chainId, voucher.contract), 2);
  digestInput.set(keccak256(structInput, "bytes"), 34);
  return keccak256(digestInput, "bytes");
}

/** The EIP-712 digest the signer signs (equal to the contract's `voucherDigest`); domain separators are cached. */
export function voucherDigest(voucher: Voucher): Hex {
  return bytesToHex(voucherDigestBytes(voucher));
}

const HEX_DIGITS = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_DIGITS["0123456789abcdef".charCodeAt(i)] = i;
  HEX_DIGITS["0123456789ABCDEF".charCodeAt(i)] = i;
}

/** Writes 0x hex (already checked by assertVoucher: even length, hex digits) into `out` at `offset`. */
function writeHex(out: Uint8Array, offset: number, hex: string): void {
  for (let i = 2, o = offset; i < hex.length; i += 2, o++) {
    out[o] = ((HEX_DIGITS[hex.charCodeAt(i)] as number) << 4) | (HEX_DIGITS[hex.charCodeAt(i + 1)] as number);
  }
}

/** The full EIP-712 typed data of a voucher, for wallets and for viem's hashTypedData. */
export function voucherTypedData(voucher: Voucher) {
  assertVoucher(voucher);
  return {
    domain: voucherDomain(voucher.chainId, voucher.contract),
    types: voucherTypes,
    primaryType: "Voucher" as const,
    message: { channelId: voucher.channelId, cumulativeAmount: voucher.cumulativeAmount },
  };
}

/** Checks a voucher's fields; throws VoucherError naming the first bad one. */
export function assertVoucher(voucher: Voucher): void {
  if (!Number.isSafeInteger(voucher.chainId) || voucher.chainId <= 0) {
    throw new VoucherError(`invalid voucher: chainId must be a positive integer, got ${voucher.chainId}`);
  }
  if (typeof voucher.contract !== "string" || !isAddress(voucher.contract, { strict: false })) {
    throw new VoucherError(`invalid voucher: contract must be a 20-byte 0x address, got ${voucher.contract}`);
  }
  if (typeof voucher.channelId !== "string" || !isHex(voucher.channelId) || voucher.channelId.length !== 66) {
    throw new VoucherError(`invalid voucher: channelId must be 32 bytes of 0x hex, got ${voucher.channelId}`);
  }
  const amount = voucher.cumulativeAmount;
  if (typeof amount !== "bigint" || amount < 0n || amount > MAX_UINT256) {
    throw new VoucherError(
      `invalid voucher: cumulativeAmount must be a uint256 bigint, got ${String(amount)}`,
    );
  }
}

/**
 * Signs a voucher with a wallet client (its `account`, e.g. a browser wallet) or a local account (e.g. a
 * session key from `privateKeyToAccount`). Returns the voucher with its signature.
 */
export async function signVoucher(
  signer: WalletClient | LocalAccount,
  voucher: Voucher,
): Promise<SignedVoucher> {
  const typedData = voucherTypedData(voucher);
  let signature: Hex;
  if (isLocalAccount(signer)) {
    signature = await signer.signTypedData(typedData);
  } else {
    const account = signer.account;
    if (account === undefined)
      throw new VoucherError("cannot sign voucher: the wallet client has no account");
    signature = await signer.signTypedData({ ...typedData, account });
  }
  return { ...voucher, signature };
}

function isLocalAccount(signer: WalletClient | LocalAccount): signer is LocalAccount {
  return signer.type === "local";
}

/**
 * The address whose key made `voucher.signature` for this exact chain, contract, channel and amount, with
 * viem's pure-JS secp256k1 (3–5 ms of CPU). Servers use `recoverVoucherSignerFast` (./voucher-fast.ts): same
 * checks, same errors, native libsecp256k1.
 */
export async function recoverVoucherSigner(voucher: SignedVoucher): Promise<Address> {
  parseVoucherSignature(voucher.signature);
  const hash = voucherDigest(voucher);
  try {
    return await recoverAddress({ hash, signature: voucher.signature });
  } catch {
    throw unrecoverableSignature();
  }
}

/**
 * Recovers the voucher's signer and checks it is `expectedSigner` (the channel's session signer, or its payer:
 * see `voucherSigner` in ./channel.ts). Returns the recovered signer; throws VoucherSignerMismatchError if it
 * differs, e.g. for a voucher signed for another chain, contract, channel or amount.
 */
export async function verifyVoucher(voucher: SignedVoucher, expectedSigner: Address): Promise<Address> {
  const recovered = await recoverVoucherSigner(voucher);
  if (recovered !== getAddress(expectedSigner))
    throw new VoucherSignerMismatchError(recovered, getAddress(expectedSigner));
  return recovered;
}

/** Same digest as voucherDigest, through viem's generic EIP-712 hashing (slower; for cross-checks). */
export function hashVoucherTypedData(voucher: Voucher): Hex {
  return hashTypedData(voucherTypedData(voucher));
}

/** A signature split for recovery: r ‖ s (64 bytes) and the recovery id (v - 27). */
export interface VoucherSignatureParts {
  compact: Uint8Array;
  recoveryId: 0 | 1;
}

/**
 * Checks a signature the way PaymentChannels' `ecrecover` path does and splits it: 65 bytes, v 27 or 28,
 * 0 < r < n, 0 < s <= n/2 (low s: the contract refuses the malleable twin, so the gateway must too, or it
 * would store a voucher it can never claim). Throws VoucherError saying which part is wrong.
 */
export function parseVoucherSignature(signature: Hex): VoucherSignatureParts {
  assertSignatureFormat(signature);
  const v = Number.parseInt(signature.slice(130), 16);
  if (v !== 27 && v !== 28) {
    throw new VoucherError(`invalid voucher: signature v must be 27 or 28, got ${v}`);
  }
  const r = BigInt(signature.slice(0, 66));
  if (r === 0n || r >= SECP256K1_N) {
    throw new VoucherError("invalid voucher: signature r must be in [1, n - 1] (n: the secp256k1 order)");
  }
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  if (s === 0n || s > SECP256K1_HALF_N) {
    throw new VoucherError(
      `invalid voucher: signature s must be in [1, n / 2] (low s, as PaymentChannels requires), got ${s === 0n ? "zero" : "a high s"}`,
    );
  }
  return { compact: hexToBytes(`0x${signature.slice(2, 130)}`), recoveryId: v === 27 ? 0 : 1 };
}

/** The error for a well-formed signature that matches no public key (r is not the x of a curve point). */
export function unrecoverableSignature(): VoucherError {
  return new VoucherError("invalid voucher: signature does not recover to any public key");
}

const SIGNATURE_FORMAT = /^0x[0-9a-fA-F]{130}$/;

function assertSignatureFormat(signature: Hex): void {
  if (typeof signature !== "string" || !SIGNATURE_FORMAT.test(signature)) {
    throw new VoucherError("invalid voucher: signature must be 65 bytes of 0x hex (r, s, v)");
  }
}

/*//////////////////////////////////////////////////////////////
                         HTTP HEADER FORMAT
//////////////////////////////////////////////////////////////*/

/** Header name the app sends and the gateway reads. */
export const VOUCHER_HEADER = "x-aim-voucher";
const HEADER_VERSION = "v1";
const MAX_HEADER_LENGTH = 512;

/**
 * Encodes a signed voucher as one header value:
 * `v1.<chainId>.<contract>.<channelId>.<cumulativeAmount>.<signature>` (decimal numbers, 0x hex bytes).
 */
export function encodeVoucherHeader(voucher: SignedVoucher): string {
  assertVoucher(voucher);
  assertSignatureFormat(voucher.signature);
  return [
    HEADER_VERSION,
    String(voucher.chainId),
    voucher.contract.toLowerCase(),
    voucher.channelId.toLowerCase(),
    voucher.cumulativeAmount.toString(10),
    voucher.signature.toLowerCase(),
  ].join(".");
}

/** Parses a header made by encodeVoucherHeader; throws VoucherError saying which part is malformed. */
export function decodeVoucherHeader(header: string): SignedVoucher {
  if (typeof header !== "string" || header.length === 0) throw headerError("it is empty");
  if (header.length > MAX_HEADER_LENGTH)
    throw headerError(`it is longer than ${MAX_HEADER_LENGTH} characters`);
  const parts = header.trim().split(".");
  if (parts.length !== 6) throw headerError(`expected 6 dot-separated parts, got ${parts.length}`);
  const [version, chainIdText, contract, channelIdText, amountText, signature] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (version !== HEADER_VERSION)
    throw headerError(`unsupported version "${version}" (expected "${HEADER_VERSION}")`);
  if (!/^[1-9][0-9]{0,15}$/.test(chainIdText) || !Number.isSafeInteger(Number(chainIdText))) {
    throw headerError(`chainId must be a positive decimal integer, got "${chainIdText}"`);
  }
  if (!/^0x[0-9a-fA-F]{40}$/.test(contract))
    throw headerError(`contract must be a 0x address, got "${contract}"`);
  if (!/^0x[0-9a-fA-F]{64}$/.test(channelIdText)) {
    throw headerError(`channelId must be 32 bytes of 0x hex, got "${channelIdText}"`);
  }
  if (!/^(0|[1-9][0-9]{0,77})$/.test(amountText) || BigInt(amountText) > MAX_UINT256) {
    throw headerError(`cumulativeAmount must be a uint256 in decimal, got "${amountText}"`);
  }
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) {
    throw headerError("signature must be 65 bytes of 0x hex (r, s, v)");
  }
  return {
    chainId: Number(chainIdText),
    contract: getAddress(contract),
    channelId: channelIdText.toLowerCase() as Hex,
    cumulativeAmount: BigInt(amountText),
    signature: signature.toLowerCase() as Hex,
  };
}

function headerError(reason: string): VoucherError {
  return new VoucherError(`invalid ${VOUCHER_HEADER} header: ${reason}`);
}
