// Opens the PaymentChannels channel a MeteredClient pays through: a fresh session key (kept by the caller, in a
// browser's storage or a file) signs the vouchers up to `sessionCap`; the payer's wallet approves the token (when
// its allowance is short) and opens. Reusing a channel is passing its MeteredChannel, session key and the
// MeteredState the client tracked.
import {
  type Account,
  type Address,
  type Chain,
  erc20Abi,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
  zeroAddress,
} from "viem";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { type ChannelParams, channelId } from "./channel.js";
import { abis } from "./deployments.js";
import type { MeteredChannel } from "./metered-client.js";

export interface OpenMeteredChannel {
  /** The PaymentChannels contract. */
  contract: Address;
  payee: Address;
  /** The ERC-20 of the AIM's offer (address(0) for ETH). */
  token: Address;
  aimId: bigint;
  deposit: bigint;
  /** Seconds from the latest block until the channel expires (default 7 days). */
  expiresIn?: number;
  /** Up to what cumulative amount the session key's vouchers are valid (default: the deposit). */
  sessionCap?: bigint;
  /** The session key (default: a new one). */
  sessionKey?: Hex;
}

export interface OpenedChannel {
  channel: MeteredChannel;
  params: ChannelParams;
  sessionKey: Hex;
  session: PrivateKeyAccount;
}

export async function openMeteredChannel(
  wallet: WalletClient<Transport, Chain | undefined, Account>,
  publicClient: PublicClient,
  options: OpenMeteredChannel,
): Promise<OpenedChannel> {
  const sessionKey = options.sessionKey ?? generatePrivateKey();
  const session = privateKeyToAccount(sessionKey);
  const payer = wallet.account.address;
  const isEth = options.token === zeroAddress;
  const mined = async (what: string, sent: Promise<Hex>) => {
    const hash = await sent;
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${what} reverted (${hash})`);
  };
  if (!isEth) {
    const allowance = await publicClient.readContract({
      address: options.token,
      abi: erc20Abi,
      functionName: "allowance",
      args: [payer, options.contract],
    });
    if (allowance < options.deposit) {
      await mined(
        "approve",
        wallet.writeContract({
          address: options.token,
          abi: erc20Abi,
          functionName: "approve",
          args: [options.contract, options.deposit],
          chain: wallet.chain,
          account: wallet.account,
        }),
      );
    }
  }
  const block = await publicClient.getBlock();
  const params: ChannelParams = {
    payer,
    payee: options.payee,
    token: options.token,
    signer: session.address,
    aimId: options.aimId,
    sessionCap: options.sessionCap ?? options.deposit,
    salt: generatePrivateKey(),
  };
  await mined(
    "open",
    wallet.writeContract({
      address: options.contract,
      abi: abis.PaymentChannels,
      functionName: "open",
      args: [
        params.payee,
        params.token,
        params.signer,
        params.aimId,
        params.sessionCap,
        params.salt,
        options.deposit,
        block.timestamp + BigInt(options.expiresIn ?? 7 * 24 * 3600),
      ],
      value: isEth ? options.deposit : 0n,
      chain: wallet.chain,
      account: wallet.account,
    }),
  );
  return {
    channel: { id: channelId(params), chainId: await publicClient.getChainId(), contract: options.contract },
    params,
    sessionKey,
    session,
  };
}
