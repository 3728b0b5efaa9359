import { type ChannelParams, ChannelParamsError, channelId, voucherSigner } from "@aim/sdk/channel";
import { encodeAbiParameters, getAddress, keccak256, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";

const params: ChannelParams = {
  payer: getAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"),
  payee: getAddress("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"),
  token: zeroAddress,
  signer: zeroAddress,
  aimId: 7n,
  royaltyReceiver: getAddress("0x90f79bf6eb2c4f870365e785982e1f101e93b906"),
  royaltyBps: 250,
  salt: `0x${"00".repeat(31)}01`,
};

describe("channelId", () => {
  it("is keccak256 of the 8 ABI-encoded fields", () => {
    const flat = keccak256(
      encodeAbiParameters(
        [
          { type: "address" },
          { type: "address" },
          { type: "address" },
          { type: "address" },
          { type: "uint256" },
          { type: "address" },
          { type: "uint16" },
          { type: "bytes32" },
        ],
        [
          params.payer,
          params.payee,
          params.token,
          params.signer,
          params.aimId,
          params.royaltyReceiver,
          params.royaltyBps,
          params.salt,
        ],
      ),
    );
    expect(channelId(params)).toBe(flat);
  });

  it("changes with every field", () => {
    const id = channelId(params);
    expect(channelId({ ...params, salt: `0x${"00".repeat(31)}02` })).not.toBe(id);
    expect(channelId({ ...params, royaltyBps: 251 })).not.toBe(id);
    expect(channelId({ ...params, aimId: 8n })).not.toBe(id);
    expect(channelId({ ...params, signer: params.payee })).not.toBe(id);
  });

  it("rejects malformed params naming the field", () => {
    expect(() => channelId({ ...params, payee: "0x12" })).toThrow(ChannelParamsError);
    expect(() => channelId({ ...params, payee: "0x12" })).toThrow(/payee/);
    expect(() => channelId({ ...params, royaltyBps: 10_001 })).toThrow(/royaltyBps/);
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
