// @vitest-environment jsdom
// The header's Cardano wallet button with fake CIP-30 wallets on window.cardano (backed by lucid's Emulator),
// connected through sdk/cardano's connectCip30: address and balance shown, refusals and misconfiguration
// as sentences, and no Cardano UI (nor any Cardano chunk) when no Cardano network is configured.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import CardanoWalletButton from "../../app/src/cardano/CardanoWalletButton.js";
import { cardanoEnabled, cardanoEnv } from "../../app/src/cardano/config.js";
import { formatAda, getCardanoSession, setCardanoProvider } from "../../app/src/cardano/session.js";
import { CardanoListingsSlot, CardanoWalletSlot } from "../../app/src/cardano/slots.js";
import { type Chain, startChain } from "../cardano/emulator.js";
import { fakeCip30, injectWallets } from "./support/cip30.js";

const loaded = vi.hoisted(() => ({ listings: false }));
vi.mock("../../app/src/cardano/CardanoListings.js", async (importOriginal) => {
  loaded.listings = true;
  return importOriginal();
});

const PREPROD = { CARDANO_NETWORK: "preprod", CARDANO_PROVIDER: "kupmios" };
const CUSTOM_ENV = { CARDANO_NETWORK: "custom" }; // the provider itself is set with setCardanoProvider

let chain: Chain;
let removeWallets: (() => void) | undefined;
beforeAll(async () => {
  chain = await startChain(["alice"], 12_500_000n);
});
afterEach(() => {
  cleanup();
  removeWallets?.();
  removeWallets = undefined;
  setCardanoProvider(undefined);
});

function openMenu() {
  fireEvent.click(screen.getByRole("button", { name: /cardano wallet/i }));
  return screen.getByRole("dialog", { name: "Cardano wallet" });
}

describe("configuration", () => {
  it("maps the VITE_ variables to the names sdk/cardano reads and is off without a network", () => {
    expect(
      cardanoEnv({ VITE_CARDANO_NETWORK: " preprod ", VITE_BLOCKFROST_PROJECT_ID: "preprodX", OTHER: "y" }),
    ).toEqual({ CARDANO_NETWORK: "preprod", BLOCKFROST_PROJECT_ID: "preprodX" });
    expect(cardanoEnabled({})).toBe(false);
    expect(cardanoEnabled(PREPROD)).toBe(true);
  });

  it("renders no Cardano UI, and loads none of its code, when no Cardano network is configured", async () => {
    const { container } = render(
      <>
        <CardanoWalletSlot env={{}} />
        <CardanoListingsSlot env={{}} aim={{ id: "1" }} />
      </>,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.innerHTML).toBe("");
    expect(loaded.listings).toBe(false);
  });

  it("shows the button when a network is configured", async () => {
    setCardanoProvider({ kind: "custom", provider: chain.emulator, network: "Custom" });
    render(<CardanoWalletSlot env={CUSTOM_ENV} />);
    expect(await screen.findByRole("button", { name: "Connect a Cardano wallet" })).toBeTruthy();
  });

  it("names the variable at fault when the configuration is incomplete", () => {
    render(<CardanoWalletButton env={PREPROD} />);
    const menu = openMenu();
    expect(within(menu).getByRole("alert").textContent).toBe(
      "Cardano is misconfigured: KUPO_URL: not set (e.g. http://localhost:1442). Fix the VITE_ variable in the app's .env and rebuild.",
    );
  });
});

describe("connecting a CIP-30 wallet", () => {
  it("lists the injected wallets and, once connected, shows the address and the ADA balance", async () => {
    setCardanoProvider({ kind: "custom", provider: chain.emulator, network: "Custom" });
    const alice = chain.accounts.alice;
    if (!alice) throw new Error("no alice");
    const wallet = await fakeCip30(chain.emulator, alice.seedPhrase, { name: "Eternl" });
    removeWallets = injectWallets({ eternl: wallet, notAWallet: {} as never });
    render(<CardanoWalletButton env={CUSTOM_ENV} />);
    const menu = openMenu();
    const choices = within(within(menu).getByRole("list", { name: "Cardano wallets" })).getAllByRole(
      "button",
    );
    expect(choices.map((b) => b.textContent)).toEqual(["Eternl"]);
    fireEvent.click(choices[0] as HTMLElement);
    const button = await screen.findByRole("button", { name: `Cardano wallet ${alice.address}` });
    expect(button.textContent).toContain("12.5 ADA");
    expect(screen.getByRole("dialog").textContent).toContain(alice.address);
    expect(screen.getByRole("dialog").textContent).toContain("Balance: 12.5 ADA");
    expect(wallet.calls[0]).toBe("enable");
    expect(getCardanoSession()).toMatchObject({
      status: "connected",
      walletName: "Eternl",
      lovelace: 12_500_000n,
    });
  });

  it("says the user declined when the wallet refuses the connection", async () => {
    setCardanoProvider({ kind: "custom", provider: chain.emulator, network: "Custom" });
    const wallet = await fakeCip30(chain.emulator, chain.accounts.alice?.seedPhrase ?? "", {
      name: "Lace",
      enableError: { code: -3, info: "user declined" },
    });
    removeWallets = injectWallets({ lace: wallet });
    render(<CardanoWalletButton env={CUSTOM_ENV} />);
    fireEvent.click(within(openMenu()).getByRole("button", { name: "Lace" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "You declined the connection in Lace. Nothing was shared; connect again when ready.",
    );
    expect(getCardanoSession().status).toBe("error");
    expect(screen.getByRole("button", { name: "Connect a Cardano wallet" })).toBeTruthy();
  });

  it("refuses a wallet on another network than the app's, before any provider request", async () => {
    const wallet = await fakeCip30(chain.emulator, chain.accounts.alice?.seedPhrase ?? "", {
      name: "Nami",
      networkId: 1,
    });
    removeWallets = injectWallets({ nami: wallet });
    const env = { ...PREPROD, KUPO_URL: "http://127.0.0.1:9", OGMIOS_URL: "ws://127.0.0.1:9" };
    render(<CardanoWalletButton env={env} />);
    fireEvent.click(within(openMenu()).getByRole("button", { name: "Nami" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      'Could not connect the wallet: wallet "nami" is on mainnet, the app on Preprod.',
    );
  });

  it("explains how to get a wallet when none is injected", () => {
    setCardanoProvider({ kind: "custom", provider: chain.emulator, network: "Custom" });
    render(<CardanoWalletButton env={CUSTOM_ENV} />);
    expect(openMenu().textContent).toMatch(/No Cardano wallet found in this browser/);
  });

  it("formats lovelace as ADA", () => {
    expect(formatAda(0n)).toBe("0 ADA");
    expect(formatAda(1_234_567_890n)).toBe("1,234.56789 ADA");
    expect(formatAda(100_000_000n)).toBe("100 ADA");
  });
});
