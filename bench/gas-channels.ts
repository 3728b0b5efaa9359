// Gas of PaymentChannels' hot paths, as whole EOA transactions (21,000 included), printed beside the targets
// of /work/shared/DESIGN.md and the µRaiden anchor. Run: `npx hardhat run bench/gas-channels.ts`
// (= `hardhat run bench/gas-channels.ts`, on the in-process Hardhat network).
import { network } from "hardhat";
import { parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { DAY, deployChannels, ROYALTY_BPS } from "../scripts/fixtures/payment-channels.js";

const { viem } = await network.connect();
const f = await deployChannels(viem);
const { channels, publicClient, payee, payer } = f;
const rows: {
  what: string;
  gas: bigint;
  perChannel?: bigint;
  target?: number;
  anchor?: string;
}[] = [];

/**
 * The same rows measured on main before issue 12 (royalty frozen at open, no license check, no session cap on
 * chain, ERC-20 deposits credited at face value, refunds pushed with all gas), for the before -> after column.
 * Per channel for claimMany.
 */
const BEFORE: Record<string, number> = {
  "open (ETH)": 57_514,
  "open (ETH, session signer)": 57_742,
  "open (ERC-20)": 78_098,
  "top up (ETH)": 34_212,
  "top up (ERC-20)": 54_972,
  "claim (ETH)": 50_727,
  "claim (ETH, session signer)": 50_984,
  "claim (ERC-20)": 59_936,
  "close (ETH, final voucher + refund)": 59_373,
  "close (ERC-20, final voucher + refund)": 67_715,
  "close (ETH, AIM without per-call royalty)": 54_088,
  "reclaim (ETH, after expiry)": 38_210,
  "claimMany (20 ETH channels)": 19_037,
};

async function gasOf(hash: `0x${string}`): Promise<bigint> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return receipt.gasUsed;
}

// Warm up: the royalty receiver's ETH and token credits are non-zero (steady state), as are the contract's
// token balance and the payee's token balance.
const warm = await f.open({ deposit: parseEther("1") });
await channels.write.claim([warm.params, 1000n, await f.sign(warm.id, 1000n)], { account: payee.account });
const warmToken = await f.open({ token: f.token.address, deposit: 1_000_000n });
await channels.write.claim([warmToken.params, 1000n, await f.sign(warmToken.id, 1000n)], {
  account: payee.account,
});

const a = await f.open({ deposit: parseEther("1") });
rows.push({ what: "open (ETH)", gas: a.receipt.gasUsed, target: 65_000, anchor: "µRaiden 88,976" });
const session = privateKeyToAccount(`0x${"42".repeat(32)}`);
const s = await f.open({ deposit: parseEther("1"), signer: session.address, sessionCap: parseEther("0.5") });
rows.push({
  what: "open (ETH, session signer)",
  gas: s.receipt.gasUsed,
  target: 65_000,
  anchor: "µRaiden 88,976",
});
const t = await f.open({ token: f.token.address, deposit: 1_000_000n });
rows.push({ what: "open (ERC-20)", gas: t.receipt.gasUsed, anchor: "µRaiden 88,976 (ERC-20)" });

rows.push({
  what: "top up (ETH)",
  gas: await gasOf(
    await channels.write.topUp([a.params, parseEther("0.5")], {
      account: payer.account,
      value: parseEther("0.5"),
    }),
  ),
  target: 40_000,
  anchor: "µRaiden 54,885",
});
rows.push({
  what: "top up (ERC-20)",
  gas: await gasOf(await channels.write.topUp([t.params, 500_000n], { account: payer.account })),
  anchor: "µRaiden 54,885",
});
rows.push({
  what: "claim (ETH)",
  gas: await gasOf(
    await channels.write.claim([a.params, 10_000n, await f.sign(a.id, 10_000n)], { account: payee.account }),
  ),
  target: 58_000,
});
rows.push({
  what: "claim (ETH, session signer)",
  gas: await gasOf(
    await channels.write.claim([s.params, 10_000n, await f.sign(s.id, 10_000n, session)], {
      account: payee.account,
    }),
  ),
});
rows.push({
  what: "claim (ERC-20)",
  gas: await gasOf(
    await channels.write.claim([t.params, 10_000n, await f.sign(t.id, 10_000n)], { account: payee.account }),
  ),
});
rows.push({
  what: "close (ETH, final voucher + refund)",
  gas: await gasOf(
    await channels.write.close([a.params, 20_000n, await f.sign(a.id, 20_000n)], { account: payee.account }),
  ),
  target: 65_000,
  anchor: "µRaiden 71,182",
});
rows.push({
  what: "close (ERC-20, final voucher + refund)",
  gas: await gasOf(
    await channels.write.close([t.params, 20_000n, await f.sign(t.id, 20_000n)], { account: payee.account }),
  ),
  anchor: "µRaiden 71,182",
});

const z = await f.open({ deposit: parseEther("1"), aimId: await f.publishAim(0) });
await channels.write.claim([z.params, 10_000n, await f.sign(z.id, 10_000n)], { account: payee.account });
rows.push({
  what: "close (ETH, AIM without per-call royalty)",
  gas: await gasOf(
    await channels.write.close([z.params, 20_000n, await f.sign(z.id, 20_000n)], { account: payee.account }),
  ),
  target: 65_000,
  anchor: "µRaiden 71,182",
});

const r = await f.open({ deposit: parseEther("1") });
await channels.write.claim([r.params, 10_000n, await f.sign(r.id, 10_000n)], { account: payee.account });
await f.testClient.increaseTime({ seconds: Number(2n * DAY) });
await f.testClient.mine({ blocks: 1 });
rows.push({
  what: "reclaim (ETH, after expiry)",
  gas: await gasOf(await channels.write.reclaim([r.params], { account: payer.account })),
});

const N = 20;
const batch = [];
for (let i = 0; i < N; i++) batch.push(await f.open({ deposit: parseEther("0.1") }));
const amounts = batch.map((_, i) => 1_000n * BigInt(i + 1));
const signatures = await Promise.all(batch.map((c, i) => f.sign(c.id, amounts[i] ?? 0n)));
const many = await gasOf(
  await channels.write.claimMany([batch.map((c) => c.params), amounts, signatures], {
    account: payee.account,
  }),
);
rows.push({
  what: `claimMany (${N} ETH channels)`,
  gas: many,
  perChannel: many / BigInt(N),
  target: 22_000 * N,
  anchor: "SingularityNET MPE multiChannelClaim",
});

const fmt = (n: bigint | number | undefined) => (n === undefined ? "—" : Number(n).toLocaleString("en-US"));
const lines = [
  "| operation | gas (whole tx) | per channel | before (main) → after | target | ok | anchor |",
  "|---|---:|---:|---:|---:|:-:|---|",
  ...rows.map((row) => {
    const measured = row.what.startsWith("claimMany") ? row.perChannel : row.gas;
    const target = row.what.startsWith("claimMany") && row.target ? row.target / N : row.target;
    const ok = target === undefined ? "" : Number(measured) <= target ? "yes" : "NO";
    const before = BEFORE[row.what];
    const delta =
      before === undefined
        ? "—"
        : `${fmt(before)} → ${fmt(measured)} (${Number(measured) - before >= 0 ? "+" : ""}${fmt(Number(measured) - before)})`;
    return `| ${row.what} | ${fmt(row.gas)} | ${fmt(row.perChannel)} | ${delta} | ${target === undefined ? "—" : `≤ ${fmt(target)}${row.what.startsWith("claimMany") ? "/ch" : ""}`} | ${ok} | ${row.anchor ?? "—"} |`;
  }),
];
console.log(lines.join("\n"));
console.log(
  `\nin-process Hardhat network (EDR), chain id ${f.chainId}; ETH channels pay a ${ROYALTY_BPS} bps royalty (credited); steady state: royalty receiver and payee already hold credits/balances.`,
);
