// Shared fixture of the AIMMarketplace node:test suites: a marketplace (2.5% fee, TestUSDC and a
// fee-on-transfer token allowed), AIMRegistry (the ERC-1155: AIM 1 published with a 5% royalty and 100
// licenses held by the seller), an ERC-721 mock with a 5% royalty, funded and approved accounts. Use with `networkHelpers.loadFixture(() => deployMarketplace(viem))`.
import { erc2981Royalty, listingId, splitSale, TokenStandard } from "@aim/sdk/marketplace";
import type { NetworkConnection } from "hardhat/types/network";
import {
  type Address,
  encodeFunctionData,
  getAddress,
  keccak256,
  parseEther,
  stringToHex,
  zeroAddress,
} from "viem";

export type Viem = NetworkConnection["viem"];

export const ETH: Address = zeroAddress;
/** The standards as the contract numbers them (from the sdk). */
export const { ERC1155, ERC721 } = TokenStandard;
export const FEE_BPS = 250;
export const ROYALTY_BPS = 500n;
export const PRICE = parseEther("0.01");
export const USDC_PRICE = 25_000_000n;
export const TOKEN_ID = 1n;
export const DAY = 86_400n;

/** The split the contract makes of `total` with a royalty of `royaltyBps` (capped at 10%), at the fixture's fee. */
export function split(total: bigint, royaltyBps = ROYALTY_BPS, feeBps = FEE_BPS) {
  return splitSale(total, feeBps, erc2981Royalty(total, royaltyBps));
}

export async function deployMarketplace(viem: Viem) {
  const wallets = await viem.getWalletClients();
  const wallet = (i: number) => {
    const w = wallets[i];
    if (!w) throw new Error(`no dev account #${i}`);
    return w;
  };
  const [ownerW, sellerW, buyerW, otherW, treasuryW, royaltyW] = [0, 1, 2, 3, 4, 5].map(wallet) as [
    ReturnType<typeof wallet>,
    ReturnType<typeof wallet>,
    ReturnType<typeof wallet>,
    ReturnType<typeof wallet>,
    ReturnType<typeof wallet>,
    ReturnType<typeof wallet>,
  ];
  const owner = getAddress(ownerW.account.address);
  const seller = getAddress(sellerW.account.address);
  const buyer = getAddress(buyerW.account.address);
  const other = getAddress(otherW.account.address);
  const treasury = getAddress(treasuryW.account.address);
  const royaltyReceiver = getAddress(royaltyW.account.address);

  const usdc = await viem.deployContract("TestUSDC");
  const fot = await viem.deployContract("FeeOnTransferERC20");
  const market = await viem.deployContract("AIMMarketplace", [
    owner,
    treasury,
    FEE_BPS,
    [usdc.address, fot.address],
  ]);
  const splitterFactory = await viem.deployContract("RoyaltySplitterFactory");
  const erc1155 = await viem.deployContract("AIMRegistry", [splitterFactory.address]);
  const erc721 = await viem.deployContract("MockERC721Royalty");
  const rejecter = await viem.deployContract("EthRejecter");

  await erc1155.write.publish(
    [
      {
        manifestURI: "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
        manifestHash: keccak256(stringToHex("manifest")),
        royaltyReceiver,
        royaltyBps: ROYALTY_BPS,
        callFeeBps: 250,
        maxSupply: 0n,
        initialHolder: seller,
        initialAmount: 100n,
        splitPayees: [],
        splitShares: [],
      },
    ],
    { account: sellerW.account },
  );
  await erc721.write.mint([seller, TOKEN_ID]);
  await erc721.write.setTokenRoyalty([TOKEN_ID, royaltyReceiver, ROYALTY_BPS]);
  await erc1155.write.setApprovalForAll([market.address, true], { account: sellerW.account });
  await erc721.write.setApprovalForAll([market.address, true], { account: sellerW.account });
  await usdc.write.mint([buyer, 10n ** 12n]);
  await usdc.write.approve([market.address, 2n ** 255n], { account: buyerW.account });
  await fot.write.mint([buyer, 10n ** 12n]);
  await fot.write.approve([market.address, 2n ** 255n], { account: buyerW.account });
  const publicClient = await viem.getPublicClient();
  const now = async () => (await publicClient.getBlock()).timestamp;
  return {
    market,
    usdc,
    fot,
    erc1155,
    erc721,
    rejecter,
    publicClient,
    now,
    wallets: { ownerW, sellerW, buyerW, otherW, treasuryW, royaltyW },
    owner,
    seller,
    buyer,
    other,
    treasury,
    royaltyReceiver,
  };
}

export type Fixture = Awaited<ReturnType<typeof deployMarketplace>>;

/** The id of `seller`'s listing of the fixture's ERC-1155 id 1 in `currency`. */
export function id1155(f: Fixture, seller: Address, currency: Address = ETH) {
  return listingId({ seller, token: f.erc1155.address, tokenId: TOKEN_ID, standard: ERC1155, currency });
}

/** The seller lists `quantity` units of the fixture's ERC-1155 id 1 for `currency` at `price`, for a day. */
export async function list1155(f: Fixture, currency: Address = ETH, price = PRICE, quantity = 10n) {
  const expiry = (await f.now()) + DAY;
  await f.market.write.list([f.erc1155.address, TOKEN_ID, ERC1155, currency, price, quantity, expiry, 1000], {
    account: f.wallets.sellerW.account,
  });
  return { id: id1155(f, f.seller, currency), expiry };
}

/** What `buy` buys and who pays: by default one unit of the seller's ERC-1155 id 1 listing in ETH at PRICE. */
export interface BuyOptions {
  quantity?: bigint;
  /** msg.value; by default quantity × price for ETH and 0 for an ERC-20. */
  value?: bigint;
  currency?: Address;
  price?: bigint;
  token?: Address;
  tokenId?: bigint;
  standard?: number;
  seller?: Address;
  /** The paying wallet; the buyer by default. */
  from?: Fixture["wallets"]["buyerW"];
}

/** The arguments of `AIMMarketplace.buy` for these options. */
function buyArgs(f: Fixture, o: BuyOptions = {}) {
  const currency = o.currency ?? ETH;
  return [
    o.seller ?? f.seller,
    o.token ?? f.erc1155.address,
    o.tokenId ?? TOKEN_ID,
    o.standard ?? ERC1155,
    currency,
    o.quantity ?? 1n,
    o.price ?? (currency === ETH ? PRICE : USDC_PRICE),
  ] as const;
}

/** Sends `AIMMarketplace.buy` (see {@link BuyOptions} for the defaults); returns the transaction hash. */
export function buy(f: Fixture, o: BuyOptions = {}) {
  const args = buyArgs(f, o);
  const [, , , , currency, quantity, price] = args;
  return f.market.write.buy([...args], {
    account: (o.from ?? f.wallets.buyerW).account,
    value: o.value ?? (currency === ETH ? quantity * price : 0n),
  });
}

/**
 * Deploys a PlainCaller (a contract with no ERC-1155/ERC-721 receiver hook) and returns a function that makes
 * it buy one unit of the seller's ETH listing of `token` at PRICE, so the token's transfer to it fails.
 */
export async function contractBuyer(viem: Viem, f: Fixture, token: Address, standard: number) {
  const caller = await viem.deployContract("PlainCaller");
  const data = encodeFunctionData({
    abi: f.market.abi,
    functionName: "buy",
    args: [...buyArgs(f, { token, standard })],
  });
  return {
    address: getAddress(caller.address),
    buy: () => caller.write.execute([f.market.address, PRICE, data], { value: PRICE }),
  };
}
