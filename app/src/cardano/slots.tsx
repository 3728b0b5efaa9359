// Where the rest of the app meets Cardano: two small components that render nothing unless a Cardano
// network is configured, and otherwise load the Cardano UI as separate chunks (lucid's WASM only loads
// later, when a wallet connects or listings are read). Safe to import from eager code.
import { Component, lazy, type ReactNode, Suspense } from "react";
import { type CardanoEnv, cardanoEnabled, cardanoEnv } from "./config.js";
import type { CardanoAim } from "./market.js";

const CardanoWalletButton = lazy(() => import("./CardanoWalletButton.js"));
const CardanoListings = lazy(() => import("./CardanoListings.js"));

/** A chunk that fails to load (offline, new deploy) shows a sentence instead of breaking the page. */
class CardanoBoundary extends Component<{ children: ReactNode; inline?: boolean }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    const text = "The Cardano part of the app could not be loaded. Reload the page to try again.";
    return this.props.inline ? (
      <span className="error-text" title={text}>
        ₳ unavailable
      </span>
    ) : (
      <p className="error-text" role="alert">
        {text}
      </p>
    );
  }
}

/** The header's Cardano wallet button, beside the EVM one. */
export function CardanoWalletSlot({ env = cardanoEnv() }: { env?: CardanoEnv }) {
  if (!cardanoEnabled(env)) return null;
  return (
    <CardanoBoundary inline>
      <Suspense fallback={null}>
        <CardanoWalletButton env={env} />
      </Suspense>
    </CardanoBoundary>
  );
}

/** The AIM page's Cardano listings panel. */
export function CardanoListingsSlot({ aim, env = cardanoEnv() }: { aim: CardanoAim; env?: CardanoEnv }) {
  if (!cardanoEnabled(env)) return null;
  return (
    <CardanoBoundary>
      <Suspense
        fallback={
          <section className="panel" aria-busy="true">
            <h2>On Cardano</h2>
            <p className="hint">Loading Cardano listings…</p>
          </section>
        }
      >
        <CardanoListings aim={aim} env={env} />
      </Suspense>
    </CardanoBoundary>
  );
}
