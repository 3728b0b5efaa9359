// Gas benchmark of AIMMarketplace: `npx hardhat run bench/gas-marketplace.ts` (= `hardhat run bench/gas-marketplace.ts`).
// Deploys on the in-process network and prints the receipts' gasUsed (whole EOA transactions, 21,000
// included) beside the targets of /work/shared/DESIGN.md and the Seaport 1.6 anchors.
// "fresh payees": the royalty receiver has never been paid; "funded": it already holds a credit.
// "buyer new" buys a token id it does not hold yet (its balance slot is written from zero).
// The ERC-1155 is AIMRegistry (licenses), the ERC-20 TestUSDC (6 decimals), the ERC-721 a mock with ERC-2981.
import { TokenStandard } from "@aim/sdk/marketplace";
import { network } from "hardhat";
import { type Address, type Hash, keccak256, parseEther, stringToHex, zeroAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

const { ERC1155, ERC721 } = TokenStandard;
const { viem } = await network.create();
const publicClient = await viem.getPublicClient();
const wallets = await viem.getWalletClients();
function wallet(index: number) {
  const client = wallets[index];
  if (!client) throw new Error(`the in-process network has no account #${index}`);
  return client;
}
const [owner, seller, buyer, buyer2] = [wallet(0), wallet(1), wallet(2), wallet(3)];

const treasury = privateKeyToAccount(generatePrivateKey()).address;
const usdc = await viem.deployContract("TestUSDC");
const market = await viem.deployContract("AIMMarketplace", [
  owner.account.address,
  treasury,
  250,
  [usdc.address],
]);
const factory = await viem.deployContract("RoyaltySplitterFactory");
const erc1155 = await viem.deployContract("AIMRegistry", [factory.address]);
const erc721 = await viem.deployContract("MockERC721Royalty");

const fundedReceiver = privateKeyToAccount(generatePrivateKey()).address;
const ETH = zeroAddress;
const PRICE_ETH = parseEther("0.01");
const PRICE_USDC = 25_000_000n; // 25 tUSDC
const expiry = BigInt(Math.floor(Date.now() / 1000) + 30 * 86_400);
let nextId = 1n; // ERC-721 ids
const MANIFEST_URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
const MANIFEST_HASH = keccak256(stringToHex("manifest"));

async function gasOf(hash: Promise<Hash>): Promise<bigint> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success") throw new Error("benchmark transaction reverted");
  return receipt.gasUsed;
}

/** The seller publishes an AIM with 1,000 licenses and a 5% royalty to `receiver` (fresh when omitted). */
function publish(receiver?: Address, initialAmount = 1_000n): Promise<Hash> {
  return erc1155.write.publish(
    [
      {
        manifestURI: MANIFEST_URI,
        manifestHash: MANIFEST_HASH,
        royaltyReceiver: receiver ?? privateKeyToAccount(generatePrivateKey()).address,
        royaltyBps: 500n,
        callFeeBps: 250,
        maxSupply: 0n,
        initialHolder: seller.account.address,
        initialAmount,
        splitPayees: [],
        splitShares: [],
      },
    ],
    { account: seller.account },
  );
}

async function newToken(receiver?: Address): Promise<bigint> {
  await gasOf(publish(receiver));
  return erc1155.read.lastAimId();
}

async function list1155(id: bigint, currency: Address, price: bigint, quantity = 100n): Promise<bigint> {
  return gasOf(
    market.write.list([erc1155.address, id, ERC1155, currency, price, quantity, expiry, 1000], {
      account: seller.account,
    }),
  );
}

async function buy1155(id: bigint, currency: Address, price: bigint, quantity: bigint, from = buyer) {
  const value = currency === ETH ? price * quantity : 0n;
  return gasOf(
    market.write.buy([seller.account.address, erc1155.address, id, ERC1155, currency, quantity, price], {
      account: from.account,
      value,
    }),
  );
}

await erc1155.write.setApprovalForAll([market.address, true], { account: seller.account });
await erc721.write.setApprovalForAll([market.address, true], { account: seller.account });
for (const b of [buyer, buyer2]) {
  await usdc.write.mint([b.account.address, 10n ** 15n]);
  await usdc.write.approve([market.address, 2n ** 255n], { account: b.account });
}
// Warm-up: the funded royalty receiver gets credits in both currencies, fees accrue in both.
{
  const id = await newToken(fundedReceiver);
  await list1155(id, ETH, PRICE_ETH);
  await buy1155(id, ETH, PRICE_ETH, 1n, buyer2);
  await list1155(id, usdc.address, PRICE_USDC);
  await buy1155(id, usdc.address, PRICE_USDC, 1n, buyer2);
}

type Row = { operation: string; gas: bigint; target?: number; anchor?: string };
const rows: Row[] = [];

// AIMRegistry: publish and mint (for reference beside the marketplace's rows)
{
  rows.push({ operation: "AIMRegistry publish (no mint)", gas: await gasOf(publish(undefined, 0n)) });
  rows.push({ operation: "AIMRegistry publish + mint 1,000 to the creator", gas: await gasOf(publish()) });
  const id = await erc1155.read.lastAimId();
  rows.push({
    operation: "AIMRegistry mint 10 to a new holder",
    gas: await gasOf(erc1155.write.mint([id, buyer2.account.address, 10n], { account: seller.account })),
  });
}

// list / update / cancel
{
  const id = await newToken();
  rows.push({
    operation: "list ERC-1155 for ETH",
    gas: await list1155(id, ETH, PRICE_ETH),
    target: 50_000,
    anchor: "Seaport 1.6: 58,317",
  });
  const id2 = await newToken();
  rows.push({ operation: "list ERC-1155 for ERC-20", gas: await list1155(id2, usdc.address, PRICE_USDC) });
  rows.push({
    operation: "update listing",
    gas: await gasOf(
      market.write.updateListing([erc1155.address, id, ERC1155, ETH, PRICE_ETH * 2n, 50n, expiry + 1n], {
        account: seller.account,
      }),
    ),
  });
  rows.push({
    operation: "cancel listing",
    gas: await gasOf(market.write.cancel([erc1155.address, id, ERC1155, ETH], { account: seller.account })),
  });
}

for (const [label, currency, price] of [
  ["ETH", ETH, PRICE_ETH],
  ["ERC-20", usdc.address, PRICE_USDC],
] as const) {
  const fresh = await newToken();
  await list1155(fresh, currency, price);
  rows.push({
    operation: `buy 1 (${label}), fresh payees, buyer new`,
    gas: await buy1155(fresh, currency, price, 1n),
    ...(label === "ETH" ? { target: 115_000, anchor: "Seaport 1.6 (ERC-721): 136,983" } : {}),
  });
  const funded = await newToken(fundedReceiver);
  await list1155(funded, currency, price);
  rows.push({
    operation: `buy 1 (${label}), funded payees, buyer new`,
    gas: await buy1155(funded, currency, price, 1n),
    ...(label === "ETH" ? { target: 85_000 } : {}),
  });
  rows.push({
    operation: `buy 1 (${label}), funded payees, buyer holds`,
    gas: await buy1155(funded, currency, price, 1n),
    ...(label === "ETH" ? { target: 85_000 } : {}),
  });
  const fresh10 = await newToken();
  await list1155(fresh10, currency, price);
  rows.push({
    operation: `buy 10 (${label}), fresh payees, buyer new`,
    gas: await buy1155(fresh10, currency, price, 10n),
  });
  rows.push({
    operation: `buy 10 (${label}), funded payees, buyer holds`,
    gas: await buy1155(funded, currency, price, 10n),
  });
}

// ERC-721
{
  const id = nextId++;
  await erc721.write.mint([seller.account.address, id]);
  await erc721.write.setTokenRoyalty([id, privateKeyToAccount(generatePrivateKey()).address, 500n]);
  rows.push({
    operation: "list ERC-721 for ETH",
    gas: await gasOf(
      market.write.list([erc721.address, id, ERC721, ETH, PRICE_ETH, 1n, expiry, 1000], {
        account: seller.account,
      }),
    ),
  });
  rows.push({
    operation: "buy ERC-721 (ETH), fresh payees, buyer new",
    gas: await gasOf(
      market.write.buy([seller.account.address, erc721.address, id, ERC721, ETH, 1n, PRICE_ETH], {
        account: buyer.account,
        value: PRICE_ETH,
      }),
    ),
    anchor: "Seaport 1.6: 136,983",
  });
}

// Offers (ERC-20 only): made by `buyer2` on a fresh AIM, so at the accept the buyer holds none of it yet.
{
  let salt = 0n;
  const offer = async (id: bigint, quantity: bigint) => {
    const terms = {
      buyer: buyer2.account.address,
      token: erc1155.address,
      tokenId: id,
      standard: ERC1155,
      currency: usdc.address,
      pricePerUnit: PRICE_USDC,
      expiry,
      salt: ++salt,
    };
    const gas = await gasOf(
      market.write.makeOffer(
        [erc1155.address, id, ERC1155, usdc.address, PRICE_USDC, quantity, expiry, salt],
        {
          account: buyer2.account,
        },
      ),
    );
    return { terms, gas };
  };
  const accept = (terms: Awaited<ReturnType<typeof offer>>["terms"], quantity: bigint) =>
    gasOf(market.write.acceptOffer([terms, quantity], { account: seller.account }));
  const fresh = await offer(await newToken(), 10n);
  rows.push({ operation: "make an offer (ERC-20)", gas: fresh.gas, target: 60_000 });
  rows.push({
    operation: "accept an offer of 1, fresh payees, buyer new",
    gas: await accept(fresh.terms, 1n),
    target: 120_000,
    anchor: "Seaport 1.6 ERC-1155 basic order: 69,354",
  });
  rows.push({
    operation: "accept an offer of 1, funded payees, buyer holds",
    gas: await accept(fresh.terms, 1n),
  });
  const funded = await offer(await newToken(fundedReceiver), 10n);
  rows.push({
    operation: "accept an offer of 1, funded payees, buyer new",
    gas: await accept(funded.terms, 1n),
  });
  rows.push({
    operation: "cancel an offer",
    gas: await gasOf(market.write.cancelOffer([funded.terms], { account: buyer2.account })),
  });
}

// Bulk buy (ETH, funded royalty receiver): one AIM per listing. "Each listing after the first" is
// (gas of 5 listings - gas of 1) / 4. "one seller": every listing is the seller's (its proceeds are pushed once);
// "5 sellers": the seller hands 10 licenses of each AIM to another account, which lists them.
{
  const otherSellers = [4, 5, 6, 7, 8].map(wallet);
  const cart = async (n: number, distinct: boolean) => {
    const items = [];
    for (let i = 0; i < n; i++) {
      const id = await newToken(fundedReceiver);
      let from = seller;
      const other = otherSellers[i];
      if (distinct && other) {
        from = other;
        await erc1155.write.safeTransferFrom([seller.account.address, other.account.address, id, 10n, "0x"], {
          account: seller.account,
        });
        await erc1155.write.setApprovalForAll([market.address, true], { account: other.account });
      }
      await gasOf(
        market.write.list([erc1155.address, id, ERC1155, ETH, PRICE_ETH, 10n, expiry, 1000], {
          account: from.account,
        }),
      );
      items.push({
        seller: from.account.address,
        token: erc1155.address,
        tokenId: id,
        standard: ERC1155,
        quantity: 1n,
        expectedPricePerUnit: PRICE_ETH,
      });
    }
    return items;
  };
  const bulk = (items: Awaited<ReturnType<typeof cart>>) => {
    const total = PRICE_ETH * BigInt(items.length);
    return gasOf(market.write.buyMany([items, ETH, total, true], { account: buyer.account, value: total }));
  };
  for (const distinct of [false, true]) {
    const sellers = distinct ? "5 sellers" : "one seller";
    const [one, five] = [await cart(1, distinct), await cart(5, distinct)];
    for (const holds of [false, true]) {
      const who = holds ? "buyer holds" : "buyer new";
      const [g1, g5] = [await bulk(one), await bulk(five)];
      if (!distinct) rows.push({ operation: `bulk buy 1 listing (ETH), funded payees, ${who}`, gas: g1 });
      rows.push({ operation: `bulk buy 5 listings (ETH, ${sellers}), funded payees, ${who}`, gas: g5 });
      rows.push({
        operation: `bulk buy: each listing after the first (${sellers}), ${who}`,
        gas: (g5 - g1) / 4n,
        target: 45_000,
      });
    }
  }
}

const fmt = (n: bigint | number | undefined) => (n === undefined ? "" : Number(n).toLocaleString("en-US"));
const table = rows.map((r) => ({
  operation: r.operation,
  gas: fmt(r.gas),
  target: r.target === undefined ? "" : `<= ${fmt(r.target)}${r.gas <= BigInt(r.target) ? " ok" : " MISSED"}`,
  anchor: r.anchor ?? "",
}));
const widths = (["operation", "gas", "target", "anchor"] as const).map((k) =>
  Math.max(k.length, ...table.map((r) => r[k].length)),
);
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(line(["operation", "gas", "target", "anchor"]));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const r of table) console.log(line([r.operation, r.gas, r.target, r.anchor]));
