import { openWalletModal } from "./walletStore.js";

export function PageSkeleton() {
  return (
    <div className="page-skeleton">
      <span className="sr-only">Loading…</span>
      <div className="sk sk-title" />
      <div className="sk sk-line" />
      <div className="sk sk-line short" />
      <div className="sk sk-block" />
    </div>
  );
}

export function CardSkeletons({ count = 8 }: { count?: number }) {
  return (
    <ul className="cards">
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <li key={i} className="card sk-card">
          <div className="sk sk-line" />
          <div className="sk sk-line short" />
          <div className="sk sk-line" />
        </li>
      ))}
    </ul>
  );
}

export function RowSkeletons({ count = 4 }: { count?: number }) {
  return (
    <div>
      <span className="sr-only">Loading…</span>
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div key={i} className="sk sk-line" />
      ))}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

/** A page that needs an account, before a wallet is connected: says why, and connects. */
export function ConnectWalletPrompt({ title }: { title: string }) {
  return (
    <Empty title={title}>
      <button type="button" className="button primary" onClick={() => openWalletModal("connect")}>
        Connect wallet
      </button>
    </Empty>
  );
}
