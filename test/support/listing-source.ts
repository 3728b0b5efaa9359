// Emits AIMMarketplace ListingCreated events in bulk for the indexer benchmark: installs ListingSource
// (contracts/test/ListingSource.sol, itself an EventPump) at the marketplace's address, and asks it for
// thousands of synthetic listings per transaction from a few words of calldata.
import { readFileSync } from "node:fs";
import { type Hex, parseAbi, type TransactionReceipt } from "viem";
import { PUMPER } from "./event-pump.js";
import { type LocalChain, testClientFor, walletClientFor } from "./local-chain.js";

const artifact = JSON.parse(
  readFileSync(
    new URL("../../artifacts/contracts/test/ListingSource.sol/ListingSource.json", import.meta.url),
    "utf8",
  ),
) as { deployedBytecode: Hex };
const sourceAbi = parseAbi([
  "function emitListings(uint256 first, uint256 count, address token, uint256 ids, address[] sellers, address[] currencies)",
]);

export interface SyntheticListings {
  count: number;
  /** The listed ERC-1155 (the AIM registry): listing n is for id (n % ids) + 1. */
  token: `0x${string}`;
  ids: number;
  sellers: `0x${string}`[];
  currencies: `0x${string}`[];
}

/** Puts ListingSource's code at `marketplace` (it keeps EventPump's `pump`). */
export async function installListingSource(chain: LocalChain, marketplace: `0x${string}`): Promise<void> {
  await testClientFor(chain).setCode({ address: marketplace, bytecode: artifact.deployedBytecode });
}

/** Emits `spec.count` ListingCreated logs from `marketplace`, `perTx` per transaction (~4k gas each). */
export async function emitSyntheticListings(
  chain: LocalChain,
  marketplace: `0x${string}`,
  spec: SyntheticListings,
  perTx = 2_000,
): Promise<TransactionReceipt[]> {
  const wallet = walletClientFor(chain, PUMPER);
  const receipts: TransactionReceipt[] = [];
  for (let first = 0; first < spec.count; first += perTx) {
    const count = Math.min(perTx, spec.count - first);
    const hash = await wallet.writeContract({
      address: marketplace,
      abi: sourceAbi,
      functionName: "emitListings",
      args: [BigInt(first), BigInt(count), spec.token, BigInt(spec.ids), spec.sellers, spec.currencies],
      chain: null,
      gas: 16_000_000n,
    });
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`emitListings(${first}, ${count}) reverted`);
    receipts.push(receipt);
  }
  return receipts;
}
