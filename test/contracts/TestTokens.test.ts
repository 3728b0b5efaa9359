import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { getAddress, zeroAddress } from "viem";

const { viem } = await network.create();
const [, aliceWallet, bobWallet] = await viem.getWalletClients();
if (!aliceWallet || !bobWallet) throw new Error("needs 3 dev accounts");
const alice = getAddress(aliceWallet.account.address);

describe("Test tokens (local chains only)", () => {
  for (const [contract, name, symbol] of [
    ["TestUSDC", "Test USD Coin", "tUSDC"],
    ["TestHyPC", "Test HyPC", "tHyPC"],
  ] as const) {
    it(`${contract} has 6 decimals and a public faucet`, async () => {
      // Loosely typed: the two tokens' ABIs differ (TestUSDC has EIP-3009), so their write unions do not unify.
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      const token: any = await viem.deployContract(contract);
      assert.equal(await token.read.name(), name);
      assert.equal(await token.read.symbol(), symbol);
      assert.equal(await token.read.decimals(), 6);
      await viem.assertions.emitWithArgs(
        token.write.mint([alice, 1_000_000n], { account: bobWallet.account }),
        token,
        "Transfer",
        [zeroAddress, alice, 1_000_000n],
      );
      assert.equal(await token.read.balanceOf([alice]), 1_000_000n);
      assert.equal(await token.read.totalSupply(), 1_000_000n);
    });
  }
});
