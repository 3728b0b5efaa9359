// Gas of AIMRegistry and RoyaltySplitter operations on the in-process Hardhat network.
// Run: npx hardhat run bench/registry-gas.ts
import { network } from "hardhat";
import { type Address, encodeFunctionData, type Hex, keccak256, stringToHex, zeroAddress } from "viem";

const { viem } = await network.create();
const publicClient = await viem.getPublicClient();
const [wallet, alice, bob] = await viem.getWalletClients();
if (!wallet || !alice || !bob) throw new Error("needs 3 dev accounts");
const me = wallet.account.address;

// A typical CIDv1 manifest URI (66 characters).
const URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
const HASH: Hex = keccak256(stringToHex("manifest"));

const factory = await viem.deployContract("RoyaltySplitterFactory");
const registry = await viem.deployContract("AIMRegistry", [factory.address]);

async function gas(hash: Promise<Hex>): Promise<bigint> {
  return (await publicClient.waitForTransactionReceipt({ hash: await hash })).gasUsed;
}

function publish(extra: { initialAmount?: bigint; payees?: Address[]; shares?: bigint[] } = {}) {
  const split = (extra.payees?.length ?? 0) > 0;
  return registry.write.publish([
    {
      manifestURI: URI,
      manifestHash: HASH,
      royaltyReceiver: split ? zeroAddress : me,
      royaltyBps: 500n,
      callFeeBps: 250,
      maxSupply: 1000n,
      initialHolder: me,
      initialAmount: extra.initialAmount ?? 0n,
      splitPayees: extra.payees ?? [],
      splitShares: extra.shares ?? [],
    },
  ]);
}

const rows: [string, bigint][] = [];
rows.push(["publish (66-char URI, max supply, no mint)", await gas(publish())]);
rows.push(["publish + initial mint of 100", await gas(publish({ initialAmount: 100n }))]);
rows.push([
  "publish + 2-payee RoyaltySplitter",
  await gas(publish({ payees: [alice.account.address, bob.account.address], shares: [80n, 20n] })),
]);
rows.push(["mint 10 to a new holder", await gas(registry.write.mint([1n, alice.account.address, 10n]))]);
rows.push([
  "mint 10 to an existing holder",
  await gas(registry.write.mint([1n, alice.account.address, 10n])),
]);
rows.push(["publishVersion", await gas(registry.write.publishVersion([1n, URI, HASH]))]);
rows.push(["setRoyalty", await gas(registry.write.setRoyalty([1n, bob.account.address, 750n, 100]))]);
rows.push([
  "safeTransferFrom 1 license (to a new holder)",
  await gas(registry.write.safeTransferFrom([me, bob.account.address, 2n, 1n, "0x"])),
]);
const royaltyInfoGas = await publicClient.estimateGas({
  to: registry.address,
  data: encodeFunctionData({ abi: registry.abi, functionName: "royaltyInfo", args: [1n, 10n ** 18n] }),
});
rows.push(["royaltyInfo (eth_estimateGas, incl. 21,000 base)", royaltyInfoGas]);
rows.push([
  "createSplitter, 2 payees (factory, direct)",
  await gas(
    factory.write.createSplitter([
      [alice.account.address, bob.account.address],
      [1n, 1n],
    ]),
  ),
]);

console.log("| operation | gas |\n|---|---:|");
for (const [name, value] of rows) console.log(`| ${name} | ${value.toLocaleString("en-US")} |`);
