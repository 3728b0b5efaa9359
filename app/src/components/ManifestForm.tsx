// The publish form: a manifest.json (pasted or uploaded) validated live with field-level errors,
// royalty payees and shares, optional max supply, licenses to mint and an optional first listing.
// Drafts are saved to localStorage on every keystroke, so a reload or an outage loses nothing.
import { type ChangeEvent, type FormEvent, useEffect, useId, useMemo, useState } from "react";
import type { Currency } from "../lib/price.js";
import { formatMicroUsdc } from "../lib/price.js";
import {
  type FieldErrors,
  jsonSyntaxError,
  type ManifestCheck,
  type ManifestIssue,
  type PublishFields,
  validatePublishFields,
} from "../lib/publishForm.js";

export interface ManifestSummary {
  name: string;
  version: string;
  description: string;
  author: string;
  license: string;
  endpoints: { uri: string; currency: string; price_per_call: { estimated_cost: number } }[];
  royalties?: { address: string; fee_percent: number };
}

export interface ManifestFormProps<M extends ManifestSummary> {
  validate: (text: string) => ManifestCheck<M>;
  currencies: readonly Currency[];
  defaultPayee?: string;
  draftKey?: string;
  busy?: boolean;
  submitLabel?: string;
  onSubmit: (fields: PublishFields, manifest: M) => void;
}

const EMPTY_FIELDS: PublishFields = {
  manifestText: "",
  royaltyPercent: "5",
  payees: [{ address: "", shares: "100" }],
  maxSupply: "",
  mintAmount: "10",
  list: true,
  listQuantity: "5",
  listPrice: "0.01",
  currency: "0x0000000000000000000000000000000000000000",
  expiryDays: "",
};

function loadDraft(key: string | undefined): PublishFields | null {
  if (!key) return null;
  try {
    const raw = localStorage.getItem(key);
    return raw ? { ...EMPTY_FIELDS, ...(JSON.parse(raw) as Partial<PublishFields>) } : null;
  } catch {
    return null;
  }
}

export function ManifestForm<M extends ManifestSummary>(props: ManifestFormProps<M>) {
  const { validate, currencies, defaultPayee, draftKey, busy, onSubmit } = props;
  const id = useId();
  const [fields, setFields] = useState<PublishFields>(
    () =>
      loadDraft(draftKey) ?? {
        ...EMPTY_FIELDS,
        payees: [{ address: defaultPayee ?? "", shares: "100" }],
      },
  );
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => {
    if (!draftKey) return;
    try {
      localStorage.setItem(draftKey, JSON.stringify(fields));
    } catch {
      // Storage full or disabled: the draft lives in memory only.
    }
  }, [draftKey, fields]);

  // Fill the first payee with the connected account once it is known, if the user left it empty.
  useEffect(() => {
    if (defaultPayee && fields.payees.length === 1 && fields.payees[0]?.address === "")
      setFields((f) => ({ ...f, payees: [{ address: defaultPayee, shares: f.payees[0]?.shares ?? "100" }] }));
  }, [defaultPayee, fields.payees]);

  const currency =
    currencies.find((c) => c.address.toLowerCase() === fields.currency.toLowerCase()) ?? currencies[0];
  const manifestCheck = useMemo((): ManifestCheck<M> | null => {
    if (fields.manifestText.trim() === "") return null;
    const syntax = jsonSyntaxError(fields.manifestText);
    if (syntax) return { ok: false, issues: [syntax] };
    return validate(fields.manifestText);
  }, [fields.manifestText, validate]);
  const errors: FieldErrors = useMemo(
    () => validatePublishFields(fields, currency?.decimals ?? 18),
    [fields, currency],
  );
  const manifestIssues: ManifestIssue[] =
    manifestCheck && !manifestCheck.ok
      ? manifestCheck.issues
      : fields.manifestText.trim() === "" && submitted
        ? [{ path: "", reason: "Paste or upload a manifest.json." }]
        : [];

  const show = (name: string): string | undefined => (touched[name] || submitted ? errors[name] : undefined);
  const set = <K extends keyof PublishFields>(key: K, value: PublishFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));
  const touch = (name: string) => () => setTouched((t) => ({ ...t, [name]: true }));

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) set("manifestText", await file.text());
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (manifestCheck?.ok && Object.keys(errors).length === 0) onSubmit(fields, manifestCheck.manifest);
  };

  const manifestId = `${id}-manifest`;
  const suggested = manifestCheck?.ok ? manifestCheck.manifest.royalties?.address : undefined;
  const hasSuggested =
    suggested && fields.payees.some((p) => p.address.toLowerCase() === suggested.toLowerCase());

  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="Publish an AIM">
      <fieldset>
        <legend>1. Manifest</legend>
        <label htmlFor={manifestId}>manifest.json</label>
        <textarea
          id={manifestId}
          className="code"
          rows={14}
          spellCheck={false}
          placeholder='{ "name": "…", "short_name": "…", "version": "1.0.0", "endpoints": [ … ] }'
          value={fields.manifestText}
          onChange={(e) => set("manifestText", e.target.value)}
          aria-invalid={manifestIssues.length > 0}
          aria-describedby={`${manifestId}-issues`}
        />
        <div className="row">
          <label className="button ghost small file">
            Upload a .json file
            <input type="file" accept="application/json,.json" onChange={onFile} />
          </label>
          {manifestCheck?.ok && <span className="ok-text">✓ Manifest is valid</span>}
        </div>
        <div id={`${manifestId}-issues`} aria-live="polite">
          {manifestIssues.length > 0 && (
            <ul className="issues" aria-label="Manifest problems">
              {manifestIssues.map((issue) => (
                <li key={`${issue.path}:${issue.reason}`}>
                  {issue.path ? <code>{issue.path}</code> : <strong>manifest</strong>}: {issue.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
        {manifestCheck?.ok && <ManifestPreview manifest={manifestCheck.manifest} />}
      </fieldset>

      <fieldset>
        <legend>2. Royalties</legend>
        <Field
          id={`${id}-royalty`}
          label="Sale royalty (%)"
          hint="Paid on every resale, up to 10%."
          error={show("royaltyPercent")}
        >
          <input
            id={`${id}-royalty`}
            inputMode="decimal"
            value={fields.royaltyPercent}
            onChange={(e) => set("royaltyPercent", e.target.value)}
            onBlur={touch("royaltyPercent")}
            aria-invalid={Boolean(show("royaltyPercent"))}
            aria-describedby={`${id}-royalty-msg`}
          />
        </Field>
        <p className="hint">
          Payees share the royalties (sales and per-call). One payee receives them directly; several get a
          royalty splitter contract, created in the same transaction.
        </p>
        {fields.payees.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
          <div className="payee" key={i}>
            <Field
              id={`${id}-payee-${i}`}
              label={`Payee ${i + 1} address`}
              error={show(`payees.${i}.address`)}
            >
              <input
                id={`${id}-payee-${i}`}
                value={row.address}
                spellCheck={false}
                placeholder="0x…"
                onChange={(e) =>
                  set(
                    "payees",
                    fields.payees.map((p, j) => (j === i ? { ...p, address: e.target.value } : p)),
                  )
                }
                onBlur={touch(`payees.${i}.address`)}
                aria-invalid={Boolean(show(`payees.${i}.address`))}
                aria-describedby={`${id}-payee-${i}-msg`}
              />
            </Field>
            <Field id={`${id}-shares-${i}`} label="Shares" error={show(`payees.${i}.shares`)}>
              <input
                id={`${id}-shares-${i}`}
                inputMode="numeric"
                value={row.shares}
                onChange={(e) =>
                  set(
                    "payees",
                    fields.payees.map((p, j) => (j === i ? { ...p, shares: e.target.value } : p)),
                  )
                }
                onBlur={touch(`payees.${i}.shares`)}
                aria-invalid={Boolean(show(`payees.${i}.shares`))}
                aria-describedby={`${id}-shares-${i}-msg`}
              />
            </Field>
            {fields.payees.length > 1 && (
              <button
                type="button"
                className="button ghost small"
                onClick={() =>
                  set(
                    "payees",
                    fields.payees.filter((_, j) => j !== i),
                  )
                }
                aria-label={`Remove payee ${i + 1}`}
              >
                Remove
              </button>
            )}
          </div>
        ))}
        {errors.payees && submitted && <p className="error-text">{errors.payees}</p>}
        <div className="row">
          <button
            type="button"
            className="button ghost small"
            onClick={() => set("payees", [...fields.payees, { address: "", shares: "1" }])}
          >
            Add payee
          </button>
          {suggested && !hasSuggested && (
            <button
              type="button"
              className="button ghost small"
              onClick={() => set("payees", [...fields.payees, { address: suggested, shares: "10" }])}
            >
              Add the manifest's royalty address
            </button>
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend>3. Licenses</legend>
        <div className="grid2">
          <Field id={`${id}-max`} label="Max supply" hint="Empty = unlimited." error={show("maxSupply")}>
            <input
              id={`${id}-max`}
              inputMode="numeric"
              value={fields.maxSupply}
              onChange={(e) => set("maxSupply", e.target.value)}
              onBlur={touch("maxSupply")}
              aria-invalid={Boolean(show("maxSupply"))}
              aria-describedby={`${id}-max-msg`}
            />
          </Field>
          <Field id={`${id}-mint`} label="Licenses to mint now" error={show("mintAmount")}>
            <input
              id={`${id}-mint`}
              inputMode="numeric"
              value={fields.mintAmount}
              onChange={(e) => set("mintAmount", e.target.value)}
              onBlur={touch("mintAmount")}
              aria-invalid={Boolean(show("mintAmount"))}
              aria-describedby={`${id}-mint-msg`}
            />
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>4. Listing</legend>
        <label className="check">
          <input type="checkbox" checked={fields.list} onChange={(e) => set("list", e.target.checked)} /> List
          licenses for sale right away
        </label>
        {fields.list && (
          <div className="grid2">
            <Field id={`${id}-qty`} label="Quantity to list" error={show("listQuantity")}>
              <input
                id={`${id}-qty`}
                inputMode="numeric"
                value={fields.listQuantity}
                onChange={(e) => set("listQuantity", e.target.value)}
                onBlur={touch("listQuantity")}
                aria-invalid={Boolean(show("listQuantity"))}
                aria-describedby={`${id}-qty-msg`}
              />
            </Field>
            <Field id={`${id}-currency`} label="Currency">
              <select
                id={`${id}-currency`}
                value={fields.currency}
                onChange={(e) => set("currency", e.target.value)}
              >
                {currencies.map((c) => (
                  <option key={c.address} value={c.address}>
                    {c.symbol}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id={`${id}-price`}
              label={`Price per license (${currency?.symbol ?? ""})`}
              error={show("listPrice")}
            >
              <input
                id={`${id}-price`}
                inputMode="decimal"
                value={fields.listPrice}
                onChange={(e) => set("listPrice", e.target.value)}
                onBlur={touch("listPrice")}
                aria-invalid={Boolean(show("listPrice"))}
                aria-describedby={`${id}-price-msg`}
              />
            </Field>
            <Field
              id={`${id}-expiry`}
              label="Expires after (days)"
              hint="Empty = never."
              error={show("expiryDays")}
            >
              <input
                id={`${id}-expiry`}
                inputMode="numeric"
                value={fields.expiryDays}
                onChange={(e) => set("expiryDays", e.target.value)}
                onBlur={touch("expiryDays")}
                aria-invalid={Boolean(show("expiryDays"))}
                aria-describedby={`${id}-expiry-msg`}
              />
            </Field>
          </div>
        )}
      </fieldset>
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {props.submitLabel ?? "Publish"}
        </button>
        {submitted && (manifestIssues.length > 0 || Object.keys(errors).length > 0) && (
          <span className="error-text" role="alert">
            Fix the highlighted fields first.
          </span>
        )}
      </div>
    </form>
  );
}

function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={`field${props.error ? " invalid" : ""}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      <span id={`${props.id}-msg`} className={props.error ? "error-text" : "hint"}>
        {props.error ?? props.hint ?? ""}
      </span>
    </div>
  );
}

function ManifestPreview({ manifest }: { manifest: ManifestSummary }) {
  return (
    <div className="preview">
      <p>
        <strong>{manifest.name}</strong> v{manifest.version} by {manifest.author} · {manifest.license}
      </p>
      <ul className="endpoints">
        {manifest.endpoints.map((e) => (
          <li key={e.uri}>
            <code>{e.uri}</code> ~{formatMicroUsdc(e.price_per_call.estimated_cost)} per call ({e.currency})
          </li>
        ))}
      </ul>
      {manifest.royalties && (
        <p className="hint">
          Per-call royalty: {manifest.royalties.fee_percent}% to {manifest.royalties.address}
        </p>
      )}
    </div>
  );
}
