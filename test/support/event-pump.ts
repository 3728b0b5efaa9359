// Replays contract events on a real local chain: installs EventPump's runtime code (contracts/test/
// EventPump.sol) at the addresses the indexer watches and emits logs encoded with the real ABIs.
import { readFileSync } from "node:fs";
import {
  type Abi,
  type AbiEvent,
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  parseAbi,
  type TransactionReceipt,
} from "viem";
import { type LocalChain, testClientFor, walletClientFor } from "./local-chain.js";

const artifact = JSON.parse(
  readFileSync(
    new URL("../../artifacts/contracts/test/EventPump.sol/EventPump.json", import.meta.url),
    "utf8",
  ),
) as { deployedBytecode: Hex };
const pumpAbi = parseAbi(["function pump(bytes32[][] topics, bytes[] data)"]);
export const PUMPER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" as const;

export interface RawLog {
  address: `0x${string}`;
  topics: Hex[];
  data: Hex;
}

/** Encodes event `name` of `abi` with `args` (by name) as a log of `address`. */
export function encodeLog(
  abi: Abi,
  name: string,
  address: `0x${string}`,
  args: Record<string, unknown>,
): RawLog {
  const event = abi.find((item): item is AbiEvent => item.type === "event" && item.name === name);
  if (!event) throw new Error(`event ${name} is not in the ABI`);
  const indexed = Object.fromEntries(
    event.inputs.filter((i) => i.indexed).map((i) => [i.name, args[i.name ?? ""]]),
  );
  const topics = encodeEventTopics({ abi: [event], eventName: name, args: indexed } as never) as Hex[];
  const body = event.inputs.filter((i) => !i.indexed);
  const data = encodeAbiParameters(
    body,
    body.map((i) => args[i.name ?? ""]),
  );
  return { address, topics, data };
}

/** Puts EventPump's code at every address in `addresses`. */
export async function installPump(chain: LocalChain, addresses: readonly `0x${string}`[]): Promise<void> {
  const test = testClientFor(chain);
  for (const address of addresses) await test.setCode({ address, bytecode: artifact.deployedBytecode });
}

const MAX_CALLDATA_BYTES = 300_000;

/** Emits `logs` (grouped by address, in order within each address) in as few transactions as possible. */
export async function emitLogs(
  chain: LocalChain,
  logs: RawLog[],
  perTx = 200,
): Promise<TransactionReceipt[]> {
  const wallet = walletClientFor(chain, PUMPER);
  const receipts: TransactionReceipt[] = [];
  // Consecutive logs of the same address go in one transaction (keeps the global order).
  let i = 0;
  while (i < logs.length) {
    const address = logs[i]?.address as `0x${string}`;
    const batch: RawLog[] = [];
    // Calldata costs at least 40 gas a byte (EIP-7623 floor): stay well under the 16M gas limit.
    let bytes = 0;
    while (i < logs.length && logs[i]?.address === address && batch.length < perTx) {
      const log = logs[i] as RawLog;
      const size = (log.data.length - 2) / 2 + 32 * (log.topics.length + 2);
      if (batch.length > 0 && bytes + size > MAX_CALLDATA_BYTES) break;
      bytes += size;
      batch.push(log);
      i++;
    }
    const hash = await wallet.writeContract({
      address,
      abi: pumpAbi,
      functionName: "pump",
      args: [batch.map((l) => l.topics), batch.map((l) => l.data)],
      chain: null,
      gas: 16_000_000n,
    });
    receipts.push(await chain.publicClient.waitForTransactionReceipt({ hash }));
  }
  return receipts;
}

/**
 * Mines `n` empty blocks one by one with evm_mine. (hardhat_mine's intermediate blocks carry an
 * invalid parent hash, which sends Ponder's realtime sync looking for block 0x00…00.)
 */
export async function mineBlocks(chain: LocalChain, n: number): Promise<void> {
  const test = testClientFor(chain);
  for (let i = 0; i < n; i++) await test.request({ method: "evm_mine" } as never);
}
