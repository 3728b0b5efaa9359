// Gas of X402Settlement.settle (x402 `exact` payment + the AIM's royalty on chain), as whole EOA transactions,
// printed beside the target and the anchor: a bare EIP-3009 transferWithAuthorization, which is all a plain x402
// facilitator sends (no license check, no royalty). Run: `npx hardhat run bench/gas-x402.ts`.
import { network } from "hardhat";
import type { Address } from "viem";
import type { Loose } from "../scripts/fixtures/payment-channels.js";
import { deployX402, X402_ROYALTY_BPS } from "../scripts/fixtures/x402-settlement.js";

const { viem } = await network.connect();
const f = await deployX402(viem as Loose);
const rows: { what: string; gas: bigint; target?: number; anchor?: string }[] = [];

async function gasOf(hash: `0x${string}`): Promise<bigint> {
  const receipt = await f.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return receipt.gasUsed;
}

// Anchor: the bare transfer a plain x402 facilitator sends, to an address holding no tokens yet.
const to = "0x00000000000000000000000000000000000b0b01" as Address;
const bare = await f.authorize(f.usdc, to, 10_000n);
const a = bare.authorization;
const anchor = await gasOf(
  await f.usdc.write.transferWithAuthorization([
    a.from,
    to,
    a.value,
    a.validAfter,
    a.validBefore,
    a.nonce,
    bare.signature,
  ]),
);
rows.push({ what: "USDC transferWithAuthorization (fresh payee), the anchor", gas: anchor });

// Worst case first: the first payment of an (AIM, node) deploys its vault, starts its settled total and pays a royalty
// receiver and a node holding no token yet. Then the steady state: vault exists, balances non-zero.
for (const [what, target] of [
  ["settle, fresh payees (vault deployed, receiver and node hold no token yet)", 200_000],
  ["settle, steady state (vault exists, balances non-zero)", 110_000],
] as const) {
  const { receipt } = await f.pay(10_000n);
  const extra = (receipt.gasUsed - anchor).toLocaleString("en-US");
  rows.push({ what, gas: receipt.gasUsed, target, anchor: `anchor + ${extra}` });
}

const fmt = (n: bigint | number | undefined) => (n === undefined ? "—" : Number(n).toLocaleString("en-US"));
console.log(
  [
    "| operation | gas (whole tx) | target | ok | vs anchor |",
    "|---|---:|---:|:-:|---|",
    ...rows.map(
      (row) =>
        `| ${row.what} | ${fmt(row.gas)} | ${row.target === undefined ? "—" : `≤ ${fmt(row.target)}`} | ${row.target === undefined ? "" : Number(row.gas) <= row.target ? "yes" : "NO"} | ${row.anchor ?? "—"} |`,
    ),
  ].join("\n"),
);
console.log(
  `\nin-process Hardhat network (EDR), chain id ${f.chainId}; AIM royalty ${X402_ROYALTY_BPS} bps pushed to the receiver, the rest pushed to the node.`,
);
