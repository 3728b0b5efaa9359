// x402 v2 `exact` payments (EIP-3009) for paid calls. Every 402 carries a PAYMENT-REQUIRED header listing what
// this node accepts for the call: the AIM's stablecoin (only an EIP-3009 token; ETH offers get no x402 accept),
// the call's price, and as payTo the X402Settlement vault of (AIM, this node), so the payer's signature fixes the
// AIM whose royalty is paid. A retry with PAYMENT-SIGNATURE is checked against those terms, verified with
// @x402/evm's own facilitator code (signature, validity window, nonce unused, payer's balance: a simulated
// transferWithAuthorization), stored durably (one compare-and-set: two concurrent retries of one authorization
// are answered once), the AIM runs, and the gateway settles it ITSELF with X402Settlement.settle (royalty to the
// creator, the rest to this node) and answers only once the transaction is mined, with PAYMENT-RESPONSE.

import { abis } from "@aim/sdk/deployments";
import {
  decodePaymentSignatureHeader,
  encodePaymentRequiredHeader,
  encodePaymentResponseHeader,
} from "@x402/core/http";
import type { PaymentPayload, PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { toFacilitatorEvmSigner } from "@x402/evm";
import { ExactEvmScheme } from "@x402/evm/exact/facilitator";
import {
  type Account,
  type Address,
  type Chain,
  concat,
  erc20Abi,
  getAddress,
  type Hex,
  keccak256,
  type Log,
  type PublicClient,
  parseAbiItem,
  parseEventLogs,
  stringToHex,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
  zeroAddress,
} from "viem";
import { GatewayError } from "./errors.js";
import type { Offer } from "./offers.js";
import type { VoucherStore } from "./store.js";

const PAYMENT_REQUIRED_HEADER = "PAYMENT-REQUIRED";
export const PAYMENT_SIGNATURE_HEADER = "payment-signature";
const PAYMENT_RESPONSE_HEADER = "PAYMENT-RESPONSE";
/** How long an authorization the client signs stays valid (validBefore = now + this). */
const MAX_TIMEOUT_SECONDS = 300;

const settlementAbi = abis.X402Settlement;
const eip3009Abi = [
  { type: "function", name: "name", stateMutability: "view", inputs: [], outputs: [{ type: "string" }] },
  { type: "function", name: "version", stateMutability: "view", inputs: [], outputs: [{ type: "string" }] },
  {
    type: "function",
    name: "authorizationState",
    stateMutability: "view",
    inputs: [{ type: "address" }, { type: "bytes32" }],
    outputs: [{ type: "bool" }],
  },
  {
    type: "function",
    name: "balanceOf",
    stateMutability: "view",
    inputs: [{ type: "address" }],
    outputs: [{ type: "uint256" }],
  },
] as const;

type Wallet = WalletClient<Transport, Chain | undefined, Account>;

interface Accept {
  requirements: PaymentRequirements;
  aimId: bigint;
}

/** A verified, stored x402 payment: settle it once the AIM answered, or release it if the AIM failed. */
export interface AcceptedPayment {
  /** Settles on chain; resolves to the PAYMENT-RESPONSE header once mined. */
  settle(): Promise<Record<string, string>>;
  /** The AIM failed: nothing is settled (the authorization is never used) and the stored record is closed. */
  release(): Promise<void>;
}

export class X402Payments {
  private readonly network: `eip155:${number}`;
  private readonly facilitator: ExactEvmScheme;
  /** Settlement transactions go out one at a time: the operator key's nonce is read per transaction. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Per AIM: its x402 terms without the amount (the price is per endpoint), or null (no EIP-3009 currency). */
  private readonly terms = new Map<string, Omit<PaymentRequirements, "amount"> | null>();

  constructor(
    private readonly wallet: Wallet,
    private readonly client: PublicClient,
    private readonly store: VoucherStore,
    private readonly settlement: Address,
    chainId: number,
  ) {
    this.network = `eip155:${chainId}`;
    const signer = toFacilitatorEvmSigner({
      address: wallet.account.address,
      readContract: (args) => client.readContract(args as never),
      verifyTypedData: (args) => client.verifyTypedData(args as never),
      writeContract: (args) => wallet.writeContract({ ...(args as object), chain: wallet.chain } as never),
      sendTransaction: (args) => wallet.sendTransaction({ ...args, chain: wallet.chain }),
      waitForTransactionReceipt: (args) => client.waitForTransactionReceipt(args),
      getCode: (args) => client.getCode(args),
    });
    this.facilitator = new ExactEvmScheme(signer);
  }

  /** Reads each offer's payTo and its currency's EIP-712 domain (a token without version() gets no x402). */
  async load(offers: Iterable<Offer>): Promise<void> {
    for (const offer of offers) {
      this.terms.set(offer.aimId.toString(), await this.termsOf(offer));
    }
  }

  private async termsOf(offer: Offer): Promise<Omit<PaymentRequirements, "amount"> | null> {
    if (offer.currency === zeroAddress) return null;
    try {
      const [name, version, payTo] = await Promise.all([
        this.client.readContract({ address: offer.currency, abi: eip3009Abi, functionName: "name" }),
        this.client.readContract({ address: offer.currency, abi: eip3009Abi, functionName: "version" }),
        this.client.readContract({
          address: this.settlement,
          abi: settlementAbi,
          functionName: "payTo",
          args: [offer.aimId, this.wallet.account.address],
        }),
      ]);
      return {
        scheme: "exact",
        network: this.network,
        asset: offer.currency,
        payTo: payTo as Address,
        maxTimeoutSeconds: MAX_TIMEOUT_SECONDS,
        extra: { name, version },
      };
    } catch {
      console.warn(`x402: AIM ${offer.aimId}'s currency ${offer.currency} has no EIP-3009: no x402 accept`);
      return null;
    }
  }

  private accept(offer: Offer, price: bigint): Accept | undefined {
    const terms = this.terms.get(offer.aimId.toString());
    if (!terms) return undefined;
    return { requirements: { ...terms, amount: price.toString() }, aimId: offer.aimId };
  }

  /** The PAYMENT-REQUIRED header of a 402 for a call of `offer` at `price` (none when it has no x402 accept). */
  requiredHeaders(offer: Offer, price: bigint, url: string, error?: string): Record<string, string> {
    const accept = this.accept(offer, price);
    if (!accept) return {};
    const required: PaymentRequired = {
      x402Version: 2,
      error,
      resource: { url, description: offer.manifest.name, mimeType: "application/json" },
      accepts: [accept.requirements],
    };
    return { [PAYMENT_REQUIRED_HEADER]: encodePaymentRequiredHeader(required) };
  }

  /**
   * Checks a PAYMENT-SIGNATURE against this call's terms, verifies it (@x402/evm) and stores it; throws a 402
   * GatewayError saying what is wrong. Nothing is charged until `settle()` of the result.
   */
  async accept402(offer: Offer, price: bigint, header: string): Promise<AcceptedPayment> {
    const accept = this.accept(offer, price);
    if (!accept) {
      throw new GatewayError(
        "x402_unsupported",
        `AIM ${offer.aimId} is priced in ${offer.currency}, which has no EIP-3009: pay it with a channel voucher`,
      );
    }
    const payload = decode(header);
    const expected = accept.requirements;
    mismatch(payload, expected);
    const verified = await this.facilitator.verify(payload, expected);
    const authorization = (payload.payload as { authorization: Authorization }).authorization;
    if (!verified.isValid) {
      throw refusal(
        await this.diagnose(expected, authorization, verified.invalidReason),
        verified.invalidMessage,
        authorization,
      );
    }
    const signature = (payload.payload as { signature: Hex }).signature;
    const key = keccak256(concat([stringToHex("x402"), authorization.from, authorization.nonce]));
    const stored = await this.store.record(key, price, signature, 0n);
    if (!stored.ok) {
      throw new GatewayError(
        "x402_replay",
        `authorization ${authorization.nonce} of ${authorization.from} was already presented: sign a new one`,
      );
    }
    return {
      settle: () => {
        const settled = this.queue.then(() =>
          this.settle(accept.aimId, expected, authorization, signature, key, price),
        );
        this.queue = settled.catch(() => undefined);
        return settled;
      },
      release: () => this.store.markClaimed(key, price),
    };
  }

  /**
   * @x402/evm names why its simulated transfer failed with a Multicall3 read, which a chain without Multicall3
   * (a local one) cannot answer: read the nonce's state and the payer's balance directly instead.
   */
  private async diagnose(requirements: PaymentRequirements, auth: Authorization, reason?: string) {
    if (reason !== "invalid_exact_evm_transaction_simulation_failed") return reason;
    const address = getAddress(requirements.asset);
    const [used, balance] = await Promise.all([
      this.client.readContract({
        address,
        abi: eip3009Abi,
        functionName: "authorizationState",
        args: [auth.from, auth.nonce],
      }),
      this.client.readContract({ address, abi: eip3009Abi, functionName: "balanceOf", args: [auth.from] }),
    ]);
    if (used) return "invalid_exact_evm_nonce_already_used";
    if (balance < BigInt(auth.value)) return "invalid_exact_evm_insufficient_balance";
    return reason;
  }

  private async settle(
    aimId: bigint,
    requirements: PaymentRequirements,
    authorization: Authorization,
    signature: Hex,
    key: Hex,
    price: bigint,
  ): Promise<Record<string, string>> {
    let hash: Hex | undefined;
    try {
      hash = await this.wallet.writeContract({
        address: this.settlement,
        abi: settlementAbi,
        functionName: "settle",
        args: [
          aimId,
          this.wallet.account.address,
          getAddress(requirements.asset),
          {
            from: authorization.from,
            value: BigInt(authorization.value),
            validAfter: BigInt(authorization.validAfter),
            validBefore: BigInt(authorization.validBefore),
            nonce: authorization.nonce,
          },
          signature,
        ],
        chain: this.wallet.chain,
      });
      const receipt = await this.client.waitForTransactionReceipt({ hash });
      const settled = parseEventLogs({ abi: settlementAbi, eventName: "X402Settled", logs: receipt.logs });
      if (receipt.status !== "success" || settled.length === 0)
        throw new Error(`transaction ${hash} reverted`);
      if (!(await paidByThisAuthorization(this.client, requirements, authorization, receipt)))
        throw new Error(
          `authorization ${authorization.nonce} was used outside this settlement without paying ${requirements.payTo}`,
        );
    } catch (error) {
      throw new GatewayError(
        "x402_settlement_failed",
        `the payment could not be settled on chain, so this call is not answered and nothing was charged: ` +
          `${(error as Error).message.split("\n")[0]}`,
      );
    } finally {
      // Settled or not, this authorization is done here: keep it out of the channel settler's unclaimed list.
      await this.store.markClaimed(key, price);
    }
    return {
      [PAYMENT_RESPONSE_HEADER]: encodePaymentResponseHeader({
        success: true,
        transaction: hash,
        network: this.network,
        payer: authorization.from,
      }),
    };
  }
}

/**
 * Whether the payer's own money reached the vault under this authorization. X402Settlement also settles an
 * authorization someone already submitted straight to the token (its money waits in the vault), so a mined
 * settle alone does not prove it: a payer could spend the nonce elsewhere and have another payer's front-run
 * money in the vault pay for its call. The token's Transfer(from → payTo, value) must be in the transaction that
 * used the nonce: this settlement's, or the one its AuthorizationUsed event names.
 */
export async function paidByThisAuthorization(
  client: PublicClient,
  requirements: Pick<PaymentRequirements, "asset" | "payTo">,
  authorization: Authorization,
  receipt: TransactionReceipt,
): Promise<boolean> {
  const asset = getAddress(requirements.asset);
  const paid = (entries: Log[]) =>
    parseEventLogs({ abi: erc20Abi, eventName: "Transfer", logs: entries }).some(
      ({ address, args }) =>
        getAddress(address) === asset &&
        getAddress(args.from) === getAddress(authorization.from) &&
        getAddress(args.to) === getAddress(requirements.payTo) &&
        args.value === BigInt(authorization.value),
    );
  if (paid(receipt.logs)) return true;
  // The nonce was unused when the call was verified, moments before: look back a few thousand blocks only.
  const [used] = await client.getLogs({
    address: asset,
    event: authorizationUsedEvent,
    args: { authorizer: authorization.from, nonce: authorization.nonce },
    fromBlock: receipt.blockNumber > LOOKBACK_BLOCKS ? receipt.blockNumber - LOOKBACK_BLOCKS : 0n,
    toBlock: receipt.blockNumber,
  });
  if (used?.transactionHash == null) return false;
  return paid((await client.getTransactionReceipt({ hash: used.transactionHash })).logs);
}

const LOOKBACK_BLOCKS = 5_000n;
const authorizationUsedEvent = parseAbiItem(
  "event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)",
);

export interface Authorization {
  from: Address;
  to: Address;
  value: string;
  validAfter: string;
  validBefore: string;
  nonce: Hex;
}

function decode(header: string): PaymentPayload {
  let payload: PaymentPayload;
  try {
    payload = decodePaymentSignatureHeader(header);
  } catch (error) {
    throw new GatewayError(
      "x402_invalid",
      `the PAYMENT-SIGNATURE header is not a base64 JSON x402 payment payload: ${(error as Error).message}`,
    );
  }
  const inner = payload?.payload as { authorization?: Authorization; signature?: string } | undefined;
  if (payload?.x402Version !== 2 || !payload.accepted || !inner?.authorization || !inner.signature) {
    throw new GatewayError(
      "x402_invalid",
      "the PAYMENT-SIGNATURE header must hold an x402 v2 `exact` EIP-3009 payload (x402Version 2, accepted, " +
        "payload.authorization, payload.signature)",
    );
  }
  return payload;
}

/** Refuses a payload whose accepted terms are not this call's: each field with its own sentence. */
function mismatch(payload: PaymentPayload, expected: PaymentRequirements): void {
  const got = payload.accepted;
  const auth = (payload.payload as { authorization: Authorization }).authorization;
  if (got.scheme !== "exact") {
    throw new GatewayError("x402_wrong_scheme", `scheme ${got.scheme} is not accepted here: use exact`);
  }
  if (got.network !== expected.network) {
    throw new GatewayError(
      "x402_wrong_network",
      `the payment is for network ${got.network}, this node is paid on ${expected.network}`,
    );
  }
  if (got.asset.toLowerCase() !== expected.asset.toLowerCase()) {
    throw new GatewayError(
      "x402_wrong_asset",
      `the payment is in asset ${got.asset}, this AIM is priced in ${expected.asset}`,
    );
  }
  if (got.amount !== expected.amount || auth.value !== expected.amount) {
    throw new GatewayError(
      "x402_wrong_amount",
      `the payment authorizes ${auth.value}, this call costs exactly ${expected.amount}`,
    );
  }
  if (
    got.payTo.toLowerCase() !== expected.payTo.toLowerCase() ||
    auth.to.toLowerCase() !== expected.payTo.toLowerCase()
  ) {
    throw new GatewayError(
      "x402_wrong_pay_to",
      `the payment is to ${auth.to}, calls of this AIM on this node are paid to ${expected.payTo} ` +
        `(X402Settlement.payTo(aimId, node), which pays the AIM's royalty)`,
    );
  }
}

/** A sentence for @x402/evm's verify refusal. */
function refusal(reason: string | undefined, detail: string | undefined, auth: Authorization): GatewayError {
  switch (reason) {
    case "invalid_exact_evm_payload_authorization_valid_before":
      return new GatewayError(
        "x402_expired",
        `the authorization expired (validBefore ${auth.validBefore} is not at least 6 s from now): sign a new one`,
      );
    case "invalid_exact_evm_payload_authorization_valid_after":
      return new GatewayError("x402_expired", `the authorization is not valid before ${auth.validAfter}`);
    case "invalid_exact_evm_nonce_already_used":
      return new GatewayError(
        "x402_replay",
        `authorization ${auth.nonce} of ${auth.from} was already used or cancelled: sign a new one`,
      );
    case "invalid_exact_evm_insufficient_balance":
      return new GatewayError(
        "x402_rejected",
        `the payer ${auth.from} does not hold ${auth.value} of the asset`,
      );
    case "invalid_exact_evm_signature":
      return new GatewayError("x402_rejected", `the authorization is not signed by its payer ${auth.from}`);
    default:
      return new GatewayError(
        "x402_rejected",
        `the payment does not verify (${reason ?? "unknown reason"}${detail ? `: ${detail.split("\n")[0]}` : ""})`,
      );
  }
}
