// Deploys PaymentChannels with its AIMRegistry and an ERC-20 on a Hardhat network connection, and offers the
// helpers the contract tests and the gas benchmark share: open a channel, sign a voucher with the SDK.

import { type ChannelParams, channelId } from "@aim/sdk/channel";
import { signVoucher } from "@aim/sdk/voucher";
import type { Address, Hex } from "viem";
import { encodeFunctionData, keccak256, parseEther, toHex, zeroAddress } from "viem";

// hardhat-viem types contracts from artifacts/*.d.ts, which `tsc` never sees (npm test type-checks before the
// contracts are built), so contract handles are loosely typed here and in the contract tests.
// biome-ignore lint/suspicious/noExplicitAny: see above.
export type Loose = any;
type Viem = Loose;

export const AIM_ID = 1n;
export const ROYALTY_BPS = 250;
export const DAY = 86_400n;
/** The largest deposit (and claimed amount) a channel holds: 96 bits. */
export const MAX96 = 2n ** 96n - 1n;

/** The royalty credited for claiming a channel of AIM 1 from `from` up to `to` (cumulative amounts, rounded down
 * on each, as the contract does); `royaltyOf(x)` is the royalty of a first claim of `x`. */
export const royaltyOf = (to: bigint, from = 0n) =>
  (to * BigInt(ROYALTY_BPS)) / 10_000n - (from * BigInt(ROYALTY_BPS)) / 10_000n;

/**
 * Deploys PaymentChannels against the real AIMRegistry (AIM 1: 2.5% per-call royalty to `royaltyReceiver`; the
 * payee holds one license of it),
 * with TestUSDC and a blockable ERC-20 allow-listed. `mockRegistry: true` uses MockAIMRegistry instead, whose
 * `setAim` can return what the real registry never does (no receiver, a royalty above 100%).
 */
export async function deployChannels(viem: Viem, options: { mockRegistry?: boolean } = {}) {
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const [owner, payer, payee, creator, other, royaltyReceiver] = await viem.getWalletClients();
  let registry: Loose;
  if (options.mockRegistry) {
    registry = await viem.deployContract("MockAIMRegistry", []);
    await registry.write.setAim([
      AIM_ID,
      creator.account.address,
      royaltyReceiver.account.address,
      ROYALTY_BPS,
    ]);
  } else {
    const factory = await viem.deployContract("RoyaltySplitterFactory", []);
    registry = await viem.deployContract("AIMRegistry", [factory.address]);
  }
  /** Publishes an AIM on the real registry with this per-call royalty, the payee holding one license; returns its id. */
  async function publishAim(callFeeBps: number, receiver: Address = royaltyReceiver.account.address) {
    const hash = await registry.write.publish(
      [
        {
          manifestURI: "data:application/json,{}",
          manifestHash: keccak256(toHex(`manifest ${callFeeBps} ${receiver}`)),
          royaltyReceiver: receiver,
          royaltyBps: 500n,
          callFeeBps,
          maxSupply: 0n,
          initialHolder: payee.account.address,
          initialAmount: 1n,
          splitPayees: [],
          splitShares: [],
        },
      ],
      { account: creator.account },
    );
    await publicClient.waitForTransactionReceipt({ hash });
    return (await registry.read.lastAimId()) as bigint;
  }
  if (!options.mockRegistry) await publishAim(ROYALTY_BPS);
  /** Gives `holder` one license of `aimId` (the payee of a channel must hold one to be paid). */
  async function license(holder: Address, aimId: bigint = AIM_ID) {
    const hash = options.mockRegistry
      ? await registry.write.mint([holder, aimId, 1n])
      : await registry.write.mint([aimId, holder, 1n], { account: creator.account });
    await publicClient.waitForTransactionReceipt({ hash });
  }
  if (options.mockRegistry) await license(payee.account.address);
  const token = await viem.deployContract("TestUSDC", []);
  const blockable = await viem.deployContract("MockERC20", ["Blockable", "BLK", 6]);
  const channels = await viem.deployContract("PaymentChannels", [
    owner.account.address,
    registry.address,
    [token.address, blockable.address],
  ]);
  const chainId = await publicClient.getChainId();
  for (const wallet of [payer, other]) {
    for (const erc20 of [token, blockable]) {
      await erc20.write.mint([wallet.account.address, 10n ** 15n]);
      await erc20.write.approve([channels.address, 2n ** 256n - 1n], { account: wallet.account });
    }
  }
  let saltCounter = 0n;

  /** Opens a channel from `from` (default payer) and returns its params and id. */
  async function open(
    options: {
      from?: { account: { address: Address } };
      payee?: Address;
      token?: Address;
      signer?: Address;
      sessionCap?: bigint;
      aimId?: bigint;
      deposit?: bigint;
      expiry?: bigint;
      salt?: Hex;
    } = {},
  ) {
    const from = options.from ?? payer;
    const tokenAddress = options.token ?? zeroAddress;
    const deposit = options.deposit ?? parseEther("1");
    const now = (await publicClient.getBlock()).timestamp;
    const expiry = options.expiry ?? now + DAY;
    saltCounter += 1n;
    const salt = options.salt ?? toHex(saltCounter, { size: 32 });
    const aimId = options.aimId ?? AIM_ID;
    const params: ChannelParams = {
      payer: from.account.address,
      payee: options.payee ?? payee.account.address,
      token: tokenAddress,
      signer: options.signer ?? zeroAddress,
      aimId,
      sessionCap: options.sessionCap ?? (options.signer ? deposit : 0n),
      salt,
    };
    const hash = await channels.write.open(
      [params.payee, params.token, params.signer, aimId, params.sessionCap, salt, deposit, expiry],
      { account: from.account, value: tokenAddress === zeroAddress ? deposit : 0n },
    );
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    return { params, id: channelId(params), hash, receipt, deposit, expiry };
  }

  /** A voucher for `id` signed through the SDK by `signer` (default: the payer's wallet). */
  async function sign(
    id: Hex,
    cumulativeAmount: bigint,
    signer: Viem = payer,
    contract: Address = channels.address,
  ) {
    const voucher = await signVoucher(signer, { chainId, contract, channelId: id, cumulativeAmount });
    return voucher.signature;
  }

  type Opened = { params: ChannelParams; id: Hex };
  type From = { account: Loose };

  /** `from` (default: the payee) claims channel `c` up to `cumulativeAmount` with the payer's voucher. */
  async function claim(c: Opened, cumulativeAmount: bigint, from: From = payee) {
    const signature = await sign(c.id, cumulativeAmount);
    return channels.write.claim([c.params, cumulativeAmount, signature], { account: from.account });
  }

  /** `from` (default: the payee) closes channel `c` at `cumulativeAmount` with the payer's voucher. */
  async function close(c: Opened, cumulativeAmount: bigint, from: From = payee) {
    const signature = await sign(c.id, cumulativeAmount);
    return channels.write.close([c.params, cumulativeAmount, signature], { account: from.account });
  }

  /**
   * Makes `actor` (a ChannelActor contract, which signs vouchers through ERC-1271) open a one-day ETH channel
   * to the payee for AIM 1, paying `deposit`; returns the channel's params and id.
   */
  async function openFromContract(actor: Loose, salt: Hex, deposit: bigint): Promise<Opened> {
    const expiry = (await publicClient.getBlock()).timestamp + DAY;
    const data = encodeFunctionData({
      abi: channels.abi,
      functionName: "open",
      args: [payee.account.address, zeroAddress, zeroAddress, AIM_ID, 0n, salt, deposit, expiry],
    });
    await actor.write.execute([data], { value: deposit });
    const params: ChannelParams = {
      payer: actor.address,
      payee: payee.account.address,
      token: zeroAddress,
      signer: zeroAddress,
      aimId: AIM_ID,
      sessionCap: 0n,
      salt,
    };
    return { params, id: channelId(params) };
  }

  return {
    publicClient,
    testClient,
    owner,
    payer,
    payee,
    creator,
    other,
    royaltyReceiver,
    registry,
    publishAim,
    license,
    token,
    blockable,
    channels,
    chainId,
    open,
    sign,
    claim,
    close,
    openFromContract,
  };
}
