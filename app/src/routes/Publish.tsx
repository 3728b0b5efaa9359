// Publish in one guided flow: validate the manifest, publish it (with the royalty splitter and the
// first mint in the same transaction), approve the marketplace once, list the licenses.

import { callFeeBps, type Manifest, manifestHash, parseManifest, toDataUri } from "@aim/sdk/manifest";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useId, useState } from "react";
import { type Address, type Hex, parseEventLogs, zeroAddress } from "viem";
import { useAccount, useConfig } from "wagmi";
import { ManifestForm } from "../components/ManifestForm.js";
import { TxStatus } from "../components/TxStatus.js";
import { openWalletModal } from "../components/walletStore.js";
import { contracts, currencies, currencyOf } from "../contracts.js";
import { useTransaction } from "../hooks/useTransaction.js";
import { approveMarketplace, isApprovedForAll, list, marketplaceFeeBps, publish } from "../lib/actions.js";
import { humanizeError } from "../lib/errors.js";
import { formatBps, parseAmount } from "../lib/price.js";
import { type PublishFields, percentToBps } from "../lib/publishForm.js";
import { href } from "../router.js";

const DRAFT_KEY = "aim.publish.draft";
/** "Never expires": the largest expiry AIMMarketplace accepts (it packs expiry in 40 bits). */
const NO_EXPIRY = 2n ** 40n - 1n;

export default function Publish() {
  const uid = useId();
  const config = useConfig();
  const { address, chain } = useAccount();
  const publishTx = useTransaction();
  const approveTx = useTransaction();
  const listTx = useTransaction();
  const [aimId, setAimId] = useState<bigint | null>(null);
  const [listed, setListed] = useState(false);
  // The marketplace fee in force, shown to the seller and sent as the highest fee they accept: a fee raised
  // while the listing is in flight makes it revert (MarketplaceFeeAboveSellerMax) instead of surprising them.
  const fee = useQuery({
    queryKey: ["marketplace-fee"],
    queryFn: () => marketplaceFeeBps(config),
    refetchInterval: 30_000,
  });
  const validate = useCallback((text: string) => parseManifest(text), []);
  const busy = [publishTx, approveTx, listTx].some((t) =>
    ["wallet", "pending", "mined"].includes(t.state.status),
  );

  async function listStep(id: bigint, fields: PublishFields, account: Address) {
    const approved = await isApprovedForAll(config, account).catch(() => false);
    if (
      !approved &&
      !(await approveTx.run("Approve the marketplace to transfer your licenses", () =>
        approveMarketplace(config),
      ))
    )
      return;
    const currency = currencyOf(fields.currency);
    const price = parseAmount(fields.listPrice, currency.decimals);
    if (!price.ok) return;
    const expiry = fields.expiryDays.trim()
      ? BigInt(Math.floor(Date.now() / 1000) + Number(fields.expiryDays) * 86_400)
      : NO_EXPIRY;
    // The fee the seller was shown; read now if it was not loaded yet (it is shown from then on).
    const maxFeeBps = fee.data ?? (await fee.refetch()).data;
    if (maxFeeBps === undefined) return;
    const ok = await listTx.run(
      `List ${fields.listQuantity} licenses (marketplace fee ${formatBps(maxFeeBps)} at most)`,
      () =>
        list(
          config,
          { tokenId: id, currency: currency.address },
          price.value,
          BigInt(fields.listQuantity),
          expiry,
          maxFeeBps,
        ),
    );
    if (ok) {
      setListed(true);
      localStorage.removeItem(DRAFT_KEY);
    }
  }

  async function onSubmit(fields: PublishFields, manifest: Manifest) {
    if (!address) return openWalletModal("connect");
    if (!chain) return openWalletModal("chain");
    if (aimId !== null) return fields.list ? listStep(aimId, fields, address) : undefined;
    const payees = fields.payees.map((p) => ({
      address: p.address.trim() as Address,
      shares: BigInt(p.shares),
    }));
    const single = payees.length === 1 ? payees[0] : undefined;
    const receipt = await publishTx.run(`Publish ${manifest.name}`, () =>
      publish(config, {
        manifestURI: toDataUri(fields.manifestText),
        manifestHash: manifestHash(fields.manifestText) as Hex,
        royaltyReceiver: single ? single.address : zeroAddress,
        royaltyBps: percentToBps(fields.royaltyPercent),
        callFeeBps: callFeeBps(manifest),
        maxSupply: fields.maxSupply.trim() ? BigInt(fields.maxSupply) : 0n,
        initialHolder: address,
        initialAmount: BigInt(fields.mintAmount),
        splitPayees: single ? [] : payees.map((p) => p.address),
        splitShares: single ? [] : payees.map((p) => p.shares),
      }),
    );
    if (!receipt) return;
    const [event] = parseEventLogs({
      abi: contracts.registry.abi,
      logs: receipt.logs,
      eventName: "AIMPublished",
    });
    if (!event) return;
    setAimId(event.args.aimId);
    if (fields.list && BigInt(fields.mintAmount) > 0n) await listStep(event.args.aimId, fields, address);
    else localStorage.removeItem(DRAFT_KEY);
  }

  return (
    <section>
      <div className="page-head">
        <h1>Publish an AIM</h1>
        <p className="lede">
          Paste your manifest, set royalties and supply, mint licenses and list them — one guided flow.
        </p>
      </div>
      <div className="grid-main">
        <ManifestForm
          validate={validate}
          currencies={currencies}
          defaultPayee={address}
          draftKey={DRAFT_KEY}
          busy={busy || listed}
          submitLabel={aimId === null ? "Publish" : "Continue: list licenses"}
          onSubmit={onSubmit}
        />
        <aside className="panel" aria-labelledby={`${uid}-steps`}>
          <h2 id={`${uid}-steps`}>Steps</h2>
          <ol className="steps">
            <li>
              <strong>Publish</strong> (manifest, royalties, mint)
              <TxStatus state={publishTx.state} />
            </li>
            <li>
              <strong>Approve</strong> the marketplace (once per account)
              <TxStatus state={approveTx.state} />
            </li>
            <li>
              <strong>List</strong> licenses
              <p className="hint" data-testid="marketplace-fee">
                {fee.data !== undefined
                  ? `The marketplace keeps ${formatBps(fee.data)} of each sale; your listing accepts at most this fee (if it is raised before your listing is mined, nothing is listed).`
                  : fee.isError
                    ? `The marketplace fee cannot be read: ${humanizeError(fee.error).message}`
                    : "Reading the marketplace fee…"}
              </p>
              <TxStatus state={listTx.state} />
            </li>
          </ol>
          {aimId !== null && (
            <output className="ok-text">
              AIM #{aimId.toString()} is published{listed ? " and listed" : ""}.{" "}
              <a href={href(`/aim/${aimId}`)}>Open its page</a>
            </output>
          )}
          {!address && (
            <p className="hint">Connect a wallet to publish; the form keeps what you type meanwhile.</p>
          )}
        </aside>
      </div>
    </section>
  );
}
