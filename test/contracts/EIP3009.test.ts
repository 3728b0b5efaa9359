// TestUSDC's EIP-3009 (contracts/tokens/EIP3009.sol): transfer / receive / cancel with authorization, as USDC does
// them, and every refusal: replay, expired, not yet valid, wrong signer, cancelled nonce, wrong caller.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type Hex, keccak256, parseSignature, toHex } from "viem";
import type { Loose } from "../../scripts/fixtures/payment-channels.js";
import { deployX402, HOUR, transferWithAuthorizationTypes } from "../../scripts/fixtures/x402-settlement.js";

const { viem: typedViem, networkHelpers } = await network.connect();
const viem: Loose = typedViem;
const { loadFixture, time } = networkHelpers;
const fixture = () => deployX402(viem);

const args = (
  a: { from: string; value: bigint; validAfter: bigint; validBefore: bigint; nonce: Hex },
  to: string,
) => [a.from, to, a.value, a.validAfter, a.validBefore, a.nonce] as const;

describe("EIP-3009 (TestUSDC)", () => {
  it("has USDC's EIP-712 domain: name() and version 2", async () => {
    const { usdc } = await loadFixture(fixture);
    assert.equal(await usdc.read.name(), "Test USD Coin");
    assert.equal(await usdc.read.version(), "2");
    const [, name, version] = await usdc.read.eip712Domain();
    assert.deepEqual([name, version], ["Test USD Coin", "2"]);
  });

  it("transfers with a packed signature and with (v, r, s), marks the nonce used, emits AuthorizationUsed", async () => {
    const f = await loadFixture(fixture);
    const to = f.other.account.address;
    const { authorization: a, signature } = await f.authorize(f.usdc, to, 1_000n);
    assert.equal(await f.usdc.read.authorizationState([a.from, a.nonce]), false);
    await viem.assertions.emitWithArgs(
      f.usdc.write.transferWithAuthorization([...args(a, to), signature], { account: f.node.account }),
      f.usdc,
      "AuthorizationUsed",
      [a.from, a.nonce],
    );
    assert.equal(await f.usdc.read.authorizationState([a.from, a.nonce]), true);
    const second = await f.authorize(f.usdc, to, 2_000n);
    const { v, r, s } = parseSignature(second.signature);
    await f.usdc.write.transferWithAuthorization([...args(second.authorization, to), Number(v), r, s]);
    assert.equal(await f.usdc.read.balanceOf([to]), 3_000n);
  });

  it("refuses a replayed authorization", async () => {
    const f = await loadFixture(fixture);
    const to = f.other.account.address;
    const { authorization: a, signature } = await f.authorize(f.usdc, to, 1_000n);
    await f.usdc.write.transferWithAuthorization([...args(a, to), signature]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.usdc.write.transferWithAuthorization([...args(a, to), signature]),
      f.usdc,
      "EIP3009AuthorizationUsed",
      [a.from, a.nonce],
    );
  });

  it("refuses an expired and a not-yet-valid authorization", async () => {
    const f = await loadFixture(fixture);
    const to = f.other.account.address;
    const now = BigInt(await time.latest());
    const early = await f.authorize(f.usdc, to, 1n, { validAfter: now + HOUR });
    await viem.assertions.revertWithCustomError(
      f.usdc.write.transferWithAuthorization([...args(early.authorization, to), early.signature]),
      f.usdc,
      "EIP3009AuthorizationNotYetValid",
    );
    const late = await f.authorize(f.usdc, to, 1n, { validBefore: now + 10n });
    await time.increase(20);
    await viem.assertions.revertWithCustomError(
      f.usdc.write.transferWithAuthorization([...args(late.authorization, to), late.signature]),
      f.usdc,
      "EIP3009AuthorizationExpired",
    );
  });

  it("refuses a signature by someone else and one for other terms", async () => {
    const f = await loadFixture(fixture);
    const to = f.other.account.address;
    const forged = await f.authorize(f.usdc, to, 1_000n, { signer: f.other });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.usdc.write.transferWithAuthorization([...args(forged.authorization, to), forged.signature]),
      f.usdc,
      "EIP3009InvalidSignature",
      [f.payer.account.address],
    );
    const real = await f.authorize(f.usdc, to, 1_000n);
    const raised = { ...real.authorization, value: 1_001n };
    await viem.assertions.revertWithCustomError(
      f.usdc.write.transferWithAuthorization([...args(raised, to), real.signature]),
      f.usdc,
      "EIP3009InvalidSignature",
    );
  });

  it("cancels an unused authorization (which then never executes), by packed and (v, r, s) signatures", async () => {
    const f = await loadFixture(fixture);
    const to = f.other.account.address;
    const { authorization: a, signature } = await f.authorize(f.usdc, to, 1_000n);
    const domain = {
      name: "Test USD Coin",
      version: "2",
      chainId: f.chainId,
      verifyingContract: f.usdc.address,
    };
    const cancelTypes = {
      CancelAuthorization: [
        { name: "authorizer", type: "address" },
        { name: "nonce", type: "bytes32" },
      ],
    } as const;
    const cancel = (nonce: Hex) =>
      f.payer.signTypedData({
        domain,
        types: cancelTypes,
        primaryType: "CancelAuthorization",
        message: { authorizer: a.from, nonce },
      });
    await viem.assertions.emitWithArgs(
      f.usdc.write.cancelAuthorization([a.from, a.nonce, await cancel(a.nonce)]),
      f.usdc,
      "AuthorizationCanceled",
      [a.from, a.nonce],
    );
    await viem.assertions.revertWithCustomError(
      f.usdc.write.transferWithAuthorization([...args(a, to), signature]),
      f.usdc,
      "EIP3009AuthorizationUsed",
    );
    const other = keccak256(toHex("other nonce"));
    const { v, r, s } = parseSignature(await cancel(other));
    await f.usdc.write.cancelAuthorization([a.from, other, Number(v), r, s]);
    assert.equal(await f.usdc.read.authorizationState([a.from, other]), true);
    const forged = keccak256(toHex("forged"));
    await viem.assertions.revertWithCustomError(
      f.usdc.write.cancelAuthorization([a.from, forged, await cancel(other)]),
      f.usdc,
      "EIP3009InvalidSignature",
    );
  });

  it("receiveWithAuthorization: only the payee submits it, and it needs its own signature type", async () => {
    const f = await loadFixture(fixture);
    const to = f.other.account.address;
    const now = BigInt(await time.latest());
    const a = { from: f.payer.account.address, value: 500n, validAfter: 0n, validBefore: now + HOUR };
    const sign = (nonce: Hex) =>
      f.payer.signTypedData({
        domain: {
          name: "Test USD Coin",
          version: "2",
          chainId: f.chainId,
          verifyingContract: f.usdc.address,
        },
        // Same fields as TransferWithAuthorization, another type name: another hash.
        types: { ReceiveWithAuthorization: transferWithAuthorizationTypes.TransferWithAuthorization },
        primaryType: "ReceiveWithAuthorization",
        message: { ...a, to, nonce },
      });
    const nonce = keccak256(toHex("receive"));
    const signature = await sign(nonce);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.usdc.write.receiveWithAuthorization([...args({ ...a, nonce }, to), signature], {
        account: f.node.account,
      }),
      f.usdc,
      "EIP3009CallerNotPayee",
      [f.node.account.address, to],
    );
    await f.usdc.write.receiveWithAuthorization([...args({ ...a, nonce }, to), signature], {
      account: f.other.account,
    });
    const nonce2 = keccak256(toHex("receive 2"));
    const { v, r, s } = parseSignature(await sign(nonce2));
    await viem.assertions.revertWithCustomError(
      f.usdc.write.receiveWithAuthorization([...args({ ...a, nonce: nonce2 }, to), Number(v), r, s], {
        account: f.node.account,
      }),
      f.usdc,
      "EIP3009CallerNotPayee",
    );
    await f.usdc.write.receiveWithAuthorization([...args({ ...a, nonce: nonce2 }, to), Number(v), r, s], {
      account: f.other.account,
    });
    assert.equal(await f.usdc.read.balanceOf([to]), 1_000n);
    // A TransferWithAuthorization signature does not pass as a ReceiveWithAuthorization.
    const transfer = await f.authorize(f.usdc, to, 1n);
    await viem.assertions.revertWithCustomError(
      f.usdc.write.receiveWithAuthorization([...args(transfer.authorization, to), transfer.signature], {
        account: f.other.account,
      }),
      f.usdc,
      "EIP3009InvalidSignature",
    );
  });
});
