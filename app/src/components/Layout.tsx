import { type ReactNode, useRef } from "react";
import type { Route } from "../router.js";
import { ThemeToggle } from "./ThemeToggle.js";

const NAV: { name: string; path: string; label: string }[] = [
  { name: "", path: "#/", label: "Catalogue" },
  { name: "activity", path: "#/activity", label: "Activity" },
  { name: "publish", path: "#/publish", label: "Publish" },
  { name: "portfolio", path: "#/portfolio", label: "Portfolio" },
  { name: "channels", path: "#/channels", label: "Channels" },
  { name: "creator", path: "#/creator", label: "Creator" },
];

export interface LayoutProps {
  route: Route;
  /** The wallet button (wagmi), or a placeholder while wagmi loads. */
  wallet: ReactNode;
  banners?: ReactNode;
  children: ReactNode;
}

export function Layout({ route, wallet, banners, children }: LayoutProps) {
  const mainRef = useRef<HTMLElement>(null);
  return (
    <>
      <button type="button" className="skip" onClick={() => mainRef.current?.focus()}>
        Skip to content
      </button>
      <header className="topbar">
        <a className="brand" href="#/" aria-label="AIM Marketplace, catalogue">
          <span className="logo" aria-hidden="true" />
          <span>AIM Marketplace</span>
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.path}>
                <a href={item.path} aria-current={route.name === item.name ? "page" : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-end">
          <ThemeToggle />
          {wallet}
        </div>
      </header>
      {banners}
      <main ref={mainRef} tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <span>Licenses on chain, paid calls through HyperBox nodes.</span>
      </footer>
    </>
  );
}
