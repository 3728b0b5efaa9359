// Header button for CIP-30 wallets (Eternl, Lace, Nami…), beside the EVM wallet button. Lists the wallets
// injected in window.cardano, connects through sdk/cardano's connectCip30, shows address and ADA balance.
// A lazy chunk: loaded only when VITE_CARDANO_NETWORK is set; lucid's WASM loads on connect.
import { useEffect, useId, useRef, useState } from "react";
import { type CardanoEnv, cardanoEnv } from "./config.js";
import { cardanoErrorMessage } from "./errors.js";
import {
  connectWallet,
  disconnectWallet,
  formatAda,
  injectedWallets,
  providerChoice,
  shortCardanoAddress,
  useCardanoSession,
  type WalletOption,
} from "./session.js";
import "./cardano.css";

function configProblem(env: CardanoEnv): string | null {
  try {
    providerChoice(env);
    return null;
  } catch (error) {
    return cardanoErrorMessage(error, "connect");
  }
}

export default function CardanoWalletButton({ env = cardanoEnv() }: { env?: CardanoEnv }) {
  const id = useId();
  const session = useCardanoSession();
  const [open, setOpen] = useState(false);
  const [wallets, setWallets] = useState<WalletOption[]>([]);
  const root = useRef<HTMLDivElement>(null);
  const problem = configProblem(env);

  useEffect(() => {
    if (!open) return;
    setWallets(injectedWallets());
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const connected = session.status === "connected" && session.address;
  const label = connected
    ? `${formatAda(session.lovelace ?? 0n)} · ${shortCardanoAddress(session.address ?? "")}`
    : session.status === "connecting"
      ? "Connecting…"
      : "Cardano";

  return (
    <div className="cardano-wallet" ref={root}>
      <button
        type="button"
        className={connected ? "button ghost" : "button"}
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        aria-label={connected ? `Cardano wallet ${session.address}` : "Connect a Cardano wallet"}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">₳ </span>
        {label}
      </button>
      {open && (
        <div className="cardano-menu panel" id={`${id}-menu`} role="dialog" aria-label="Cardano wallet">
          {problem ? (
            <p className="error-text" role="alert">
              {problem}
            </p>
          ) : connected ? (
            <>
              <p>
                <strong>{session.walletName}</strong>
              </p>
              <p>
                <code className="cardano-address">{session.address}</code>
              </p>
              <p>
                Balance: <strong>{formatAda(session.lovelace ?? 0n)}</strong>
              </p>
              <button
                type="button"
                className="button small"
                onClick={() => {
                  disconnectWallet();
                  setOpen(false);
                }}
              >
                Disconnect
              </button>
            </>
          ) : (
            <>
              {wallets.length === 0 ? (
                <p className="hint">
                  No Cardano wallet found in this browser. Install a CIP-30 wallet (Eternl, Lace, Nami…) and
                  reload.
                </p>
              ) : (
                <ul className="cardano-wallets" aria-label="Cardano wallets">
                  {wallets.map((w) => (
                    <li key={w.key}>
                      <button
                        type="button"
                        className="button"
                        disabled={session.status === "connecting"}
                        onClick={() => connectWallet(w.key, env)}
                      >
                        {w.icon && <img src={w.icon} alt="" width={20} height={20} />}
                        {session.status === "connecting" && session.walletKey === w.key
                          ? `Connecting ${w.name}…`
                          : w.name}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {session.status === "error" && (
                <p className="error-text" role="alert">
                  {session.error}
                </p>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
