import { WagmiProvider } from "wagmi";
import { App } from "./App.js";
import { wagmiConfig } from "./wagmi.js";

export default function WagmiApp() {
  return (
    <WagmiProvider config={wagmiConfig}>
      <App />
    </WagmiProvider>
  );
}
