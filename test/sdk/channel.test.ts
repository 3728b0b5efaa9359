import {
  type ChannelParams,
  ChannelParamsError,
  channelId,
  voucherSigner,
  withinSignerLimit,
} from "@aim/sdk/channel";
import { encodeAbiParameters, getAddress, keccak256, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";

const params: ChannelParams = {
  payer: getAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"),
  payee: getAddress("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"),
  token: zeroAddress,
  signer: zeroAddress,
  aimId: 7n,
  sessionCap: 250_000n,
  salt: `0x${"00".repeat(31)}01`,
};

describe("channelId", () => {
  it("is keccak256 of the 7 ABI-encoded fields", () => {
    const flat = keccak256(
      encodeAbiParameters(
        [
          { type: "address" },
          { type: "address" },
          { type: "address" },
          { type: "address" },
          { type: "uint256" },
          { type: "uint256" },
          { type: "bytes32" },
        ],
        [
          params.payer,
          params.payee,
          params.token,
          params.signer,
          params.aimId,
          params.sessionCap,
          params.salt,
        ],
      ),
    );
    expect(channelId(params)).toBe(flat);
  });

  it("changes with every field", () => {
    const id = channelId(params);
    expect(channelId({ ...params, salt: `0x${"00".repeat(31)}02` })).not.toBe(id);
    expect(channelId({ ...params, sessionCap: 250_001n })).not.toBe(id);
    expect(channelId({ ...params, aimId: 8n })).not.toBe(id);
    expect(channelId({ ...params, signer: params.payee })).not.toBe(id);
  });

  it("rejects malformed params naming the field", () => {
    expect(() => channelId({ ...params, payee: "0x12" })).toThrow(ChannelParamsError);
    expect(() => channelId({ ...params, payee: "0x12" })).toThrow(/payee/);
    expect(() => channelId({ ...params, sessionCap: -1n })).toThrow(/sessionCap/);
    expect(() => channelId({ ...params, sessionCap: 2n ** 256n })).toThrow(/sessionCap/);
    expect(() => channelId({ ...params, aimId: -1n })).toThrow(/aimId/);
    expect(() => channelId({ ...params, salt: "0x01" })).toThrow(/salt/);
  });
});

describe("voucherSigner", () => {
  it("is the payer without a session signer, else the session signer", () => {
    expect(voucherSigner(params)).toBe(params.payer);
    expect(voucherSigner({ ...params, signer: params.payee })).toBe(params.payee);
  });
});

describe("withinSignerLimit", () => {
  const session = getAddress("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
  const withSession = { ...params, signer: session };
  it("caps the session signer at the session cap, not the payer", () => {
    expect(withinSignerLimit(withSession, session, 250_000n, 250_000n)).toBe(true);
    expect(withinSignerLimit(withSession, session, 250_001n, 250_000n)).toBe(false);
    expect(withinSignerLimit(withSession, params.payer, 10n ** 9n, 250_000n)).toBe(true);
    expect(withinSignerLimit(params, params.payer, 10n ** 9n, 0n)).toBe(true);
  });
});
