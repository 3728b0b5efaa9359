// Publish in one guided flow: validate the manifest, publish it (with the royalty splitter and the
// first mint in the same transaction), approve the marketplace once, list the licenses.

import { callFeeBps, type Manifest, manifestHash, parseManifest, toDataUri } from "@aim/sdk/manifest";
import { useCallback, useId, useState } from "react";
import { type Address, type Hex, parseEventLogs, zeroAddress } from "viem";
import { useAccount, useConfig } from "wagmi";
import { ManifestForm } from "../components/ManifestForm.js";
import { TxStatus } from "../components/TxStatus.js";
import { openWalletModal } from "../components/walletStore.js";
import { contracts, currencies, currencyOf } from "../contracts.js";
import { useTransaction } from "../hooks/useTransaction.js";
import { approveMarketplace, isApprovedForAll, list, publish } from "../lib/actions.js";
import { parseAmount } from "../lib/price.js";
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
    const ok = await listTx.run(`List ${fields.listQuantity} licenses`, () =>
      list(
        config,
        { tokenId: id, currency: currency.address },
        price.value,
        BigInt(fields.listQuantity),
        expiry,
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
    }) as unknown as { args: { aimId: bigint } }[];
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
