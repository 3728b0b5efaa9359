import { lazy, Suspense, useEffect } from "react";
import { Banners } from "./components/Banners.js";
import { Layout } from "./components/Layout.js";
import { Notifications } from "./components/Notifications.js";
import { PageSkeleton } from "./components/Skeleton.js";
import { WalletButton } from "./components/WalletButton.js";
import { useRoute } from "./router.js";
import { Catalogue } from "./routes/Catalogue.js";

// The catalogue is the first route and ships in the main chunk; every other screen is its own chunk.
const AimPage = lazy(() => import("./routes/AimPage.js"));
const Publish = lazy(() => import("./routes/Publish.js"));
const Portfolio = lazy(() => import("./routes/Portfolio.js"));
const Channels = lazy(() => import("./routes/Channels.js"));
const Activity = lazy(() => import("./routes/Activity.js"));
const Creator = lazy(() => import("./routes/Creator.js"));

/** Once the wallet layer runs, fetch the other screens' code while idle: navigating then waits on data only. */
function usePrefetchRoutes(): void {
  useEffect(() => {
    const load = () => {
      void import("./routes/AimPage.js");
      void import("./routes/Portfolio.js");
      void import("./routes/Activity.js");
      void import("./routes/Channels.js");
    };
    if (!("requestIdleCallback" in window)) return void setTimeout(load, 1_000);
    const id = window.requestIdleCallback(load, { timeout: 5_000 });
    return () => window.cancelIdleCallback(id);
  }, []);
}

export function App() {
  const route = useRoute();
  usePrefetchRoutes();
  let page: React.ReactNode;
  switch (route.name) {
    case "":
      page = <Catalogue route={route} />;
      break;
    case "aim":
      page = <AimPage aimId={route.params[0] ?? ""} route={route} />;
      break;
    case "publish":
      page = <Publish />;
      break;
    case "portfolio":
      page = <Portfolio route={route} />;
      break;
    case "channels":
      page = <Channels route={route} />;
      break;
    case "activity":
      page = <Activity />;
      break;
    case "creator":
      page = <Creator route={route} />;
      break;
    default:
      page = (
        <section className="empty">
          <h1>Page not found</h1>
          <p>
            There is nothing at <code>{route.path}</code>. <a href="#/">Back to the catalogue</a>.
          </p>
        </section>
      );
  }
  return (
    <Layout
      route={route}
      wallet={
        <>
          <Notifications />
          <WalletButton />
        </>
      }
      banners={<Banners />}
    >
      <Suspense fallback={<PageSkeleton />}>{page}</Suspense>
    </Layout>
  );
}
