// The Ignition modules (deploy/modules/) on the in-process network: everything deployed and wired
// (owners, fee, treasury, currencies, registry addresses), the test tokens only in LocalSystem, and a
// re-run of a recorded deployment changes nothing.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { HardhatArtifactResolver } from "@nomicfoundation/hardhat-ignition/helpers";
import { deploy } from "@nomicfoundation/ignition-core";
import hre, { network } from "hardhat";
import { type Address, getAddress, zeroAddress } from "viem";
import AIMSystem from "../../deploy/modules/AIMSystem.js";
import LocalSystem from "../../deploy/modules/LocalSystem.js";
import { DEFAULT_FEE_BPS } from "../../deploy/modules/system.js";

const { viem, ignition, provider } = await network.create();
const wallets = await viem.getWalletClients();
function accountAddress(index: number): Address {
  const address = wallets[index]?.account.address;
  assert.ok(address !== undefined, `wallet ${index}`);
  return getAddress(address);
}
const [deployer, owner, treasury, usdc, hypc] = [0, 1, 2, 3, 4].map(accountAddress) as [
  Address,
  Address,
  Address,
  Address,
  Address,
];
const checksum = (address: Address): Address => getAddress(address);

// One deployment at a time: the Ignition helper refuses concurrent deploys.
const system = await ignition.deploy(AIMSystem, {
  parameters: { $global: { owner, treasury, feeBps: 300, allowedCurrencies: [usdc, hypc] } },
});
const defaults = await ignition.deploy(AIMSystem, { parameters: {} });
const localParameters = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../deploy/parameters/localhost.json"), "utf8"),
);
const local = await ignition.deploy(LocalSystem, { parameters: localParameters });

describe("AIMSystem (public networks)", () => {
  it("wires the registry to the splitter factory", async () => {
    assert.equal(await system.registry.read.splitterFactory(), getAddress(system.splitterFactory.address));
  });

  it("gives the marketplace the owner, treasury, fee and currencies of the parameters", async () => {
    const marketplace = system.marketplace;
    assert.equal(await marketplace.read.owner(), checksum(owner));
    assert.equal(await marketplace.read.treasury(), checksum(treasury));
    assert.equal(await marketplace.read.feeBps(), 300);
    assert.equal(await marketplace.read.isCurrencyAllowed([checksum(usdc)]), true);
    assert.equal(await marketplace.read.isCurrencyAllowed([checksum(hypc)]), true);
    assert.equal(await marketplace.read.isCurrencyAllowed([checksum(deployer)]), false);
  });

  it("gives the payment channels the owner, the registry and the same currencies", async () => {
    const channels = system.paymentChannels;
    assert.equal(await channels.read.owner(), checksum(owner));
    assert.equal(await channels.read.aimRegistry(), getAddress(system.registry.address));
    assert.equal(await channels.read.isCurrencyAllowed([checksum(usdc)]), true);
    assert.equal(await channels.read.isCurrencyAllowed([checksum(hypc)]), true);
  });

  it("points the HyperBox registry at the AIM registry", async () => {
    assert.equal(await system.hyperBoxRegistry.read.aimRegistry(), getAddress(system.registry.address));
  });

  it("gives X402Settlement the owner and the same currencies", async () => {
    const x402 = system.x402Settlement;
    assert.equal(await x402.read.owner(), checksum(owner));
    assert.equal(await x402.read.isTokenAllowed([checksum(usdc)]), true);
    assert.equal(await x402.read.isTokenAllowed([checksum(deployer)]), false);
  });

  it("deploys no test token", () => {
    assert.equal("testUSDC" in system, false);
    assert.equal("testHyPC" in system, false);
  });
});

describe("AIMSystem defaults", () => {
  const system = defaults;

  it("makes the deployer owner and treasury, with the default fee and ETH only", async () => {
    assert.equal(await system.marketplace.read.owner(), checksum(deployer));
    assert.equal(await system.marketplace.read.treasury(), checksum(deployer));
    assert.equal(await system.marketplace.read.feeBps(), DEFAULT_FEE_BPS);
    assert.equal(await system.marketplace.read.isCurrencyAllowed([checksum(usdc)]), false);
    assert.equal(await system.paymentChannels.read.owner(), checksum(deployer));
  });
});

describe("LocalSystem (local chains)", () => {
  const system = local;

  it("deploys the 6-decimal faucet tokens", async () => {
    assert.equal(await system.testUSDC.read.decimals(), 6);
    assert.equal(await system.testUSDC.read.symbol(), "tUSDC");
    assert.equal(await system.testHyPC.read.decimals(), 6);
    assert.equal(await system.testHyPC.read.symbol(), "tHyPC");
  });

  it("accepts the faucet tokens in the marketplace and the channels", async () => {
    for (const token of [system.testUSDC.address, system.testHyPC.address]) {
      assert.equal(await system.marketplace.read.isCurrencyAllowed([getAddress(token)]), true);
      assert.equal(await system.paymentChannels.read.isCurrencyAllowed([getAddress(token)]), true);
    }
    assert.equal(await system.marketplace.read.isCurrencyAllowed([zeroAddress]), true, "ETH");
  });

  it("uses deploy/parameters/localhost.json for owner, treasury and fee", async () => {
    const expected = localParameters.$global;
    assert.equal(await system.marketplace.read.owner(), getAddress(expected.owner));
    assert.equal(await system.marketplace.read.treasury(), getAddress(expected.treasury));
    assert.equal(await system.marketplace.read.feeBps(), expected.feeBps);
  });
});

describe("a recorded deployment", () => {
  it("is idempotent: deploying again sends no transaction and keeps every address", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aim-ignition-"));
    try {
      const accounts = (await provider.request({ method: "eth_accounts" })) as string[];
      const run = () =>
        deploy({
          provider,
          artifactResolver: new HardhatArtifactResolver(hre.artifacts),
          deploymentDir: dir,
          ignitionModule: LocalSystem,
          deploymentParameters: {},
          accounts,
        });
      const first = await run();
      assert.equal(first.type, "SUCCESSFUL_DEPLOYMENT");
      const blockAfterFirst = await provider.request({ method: "eth_blockNumber" });
      const second = await run();
      assert.equal(second.type, "SUCCESSFUL_DEPLOYMENT");
      assert.equal(await provider.request({ method: "eth_blockNumber" }), blockAfterFirst);
      assert.ok(first.type === "SUCCESSFUL_DEPLOYMENT" && second.type === "SUCCESSFUL_DEPLOYMENT");
      assert.deepEqual(second.contracts, first.contracts);
      assert.equal(Object.keys(first.contracts).length, 8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
