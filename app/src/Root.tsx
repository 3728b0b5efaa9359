// The catalogue paints before wagmi and the wallet code have loaded: until the WagmiApp chunk
// arrives, a shell renders the layout and the catalogue (which reads only the indexer).
import { lazy, Suspense } from "react";
import { Layout } from "./components/Layout.js";
import { PageSkeleton } from "./components/Skeleton.js";
import { useRoute } from "./router.js";
import { Catalogue } from "./routes/Catalogue.js";

// Loaded once the browser is idle after the first paint (or at once when the route needs a wallet).
function whenIdle(): Promise<void> {
  const route = window.location.hash.replace(/^#\/?/, "");
  if (route !== "" && !route.startsWith("?")) return Promise.resolve();
  return new Promise((resolve) => {
    if ("requestIdleCallback" in window) window.requestIdleCallback(() => resolve(), { timeout: 1_500 });
    else setTimeout(resolve, 200);
  });
}
const WagmiApp = lazy(() => whenIdle().then(() => import("./WagmiApp.js")));

function Shell() {
  const route = useRoute();
  return (
    <Layout
      route={route}
      wallet={
        <button type="button" className="button primary" disabled>
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
