// The catalogue paints before wagmi and the wallet code have loaded: until the WagmiApp chunk
// arrives, a shell renders the layout and the catalogue (which reads only the indexer).
import { lazy, Suspense } from "react";
import { Layout } from "./components/Layout.js";
import { PageSkeleton } from "./components/Skeleton.js";
import { openWalletModal } from "./components/walletStore.js";
import { useRoute } from "./router.js";
import { Catalogue } from "./routes/Catalogue.js";
import { loadWalletLayer, walletLayerWanted } from "./walletLoader.js";

// The wallet layer loads on interaction, on other routes, or after the page has settled
// (walletLoader.ts); the shell's Connect button loads it and asks for the connect modal.
const WagmiApp = lazy(() => walletLayerWanted().then(() => import("./WagmiApp.js")));

function connect(): void {
  openWalletModal("connect");
  loadWalletLayer();
}

function Shell() {
  const route = useRoute();
  return (
    <Layout
      route={route}
      wallet={
        <button type="button" className="button primary" onClick={connect}>
          Connect wallet
        </button>
      }
    >
      {route.name === "" ? <Catalogue route={route} /> : <PageSkeleton />}
    </Layout>
  );
}

export function Root() {
  return (
    <Suspense fallback={<Shell />}>
      <WagmiApp />
    </Suspense>
  );
}
