// AIM Marketplace, Cardano side: everything an app, the CLI or a test calls. Importing this module loads no
export { buy, cancel, list, mintLicenses, updatePrice } from "./actions.js";
// WASM; lucid-cardano is imported on the first call that needs it (see lucid.ts).
export { buyTx } from "./buy.js";
export { cancelTx } from "./cancel.js";
export {
  buyRedeemer,
  cancelRedeemer,
  decodeListing,
  encodeListing,
  payoutTag,
  updateRedeemer,
} from "./datum.js";
export { deployReferenceScriptTx, findReferenceScript } from "./deploy.js";
export { CardanoConfigError, CardanoMarketError } from "./errors.js";
export { explainMarketFailure } from "./explain.js";
export { type ListInput, listTx } from "./list.js";
export { fetchListings, fetchListingsByOutRef, type ListingFilter, parseListing } from "./listings.js";
export { type Lucid, loadLucid } from "./lucid.js";
export { CIP25_LABEL, licenseMetadata, manifestHash } from "./metadata.js";
export { licenseAssetName, licensePolicy, type MintLicensesInput, mintLicensesTx } from "./mint.js";
export {
  assertPayable,
  MIN_PAYOUT_LOVELACE,
  payoutsFromShares,
  rescalePayouts,
  type Share,
  sellerShare,
} from "./payouts.js";
export {
  type CardanoNetwork,
  connectFromEnv,
  createProvider,
  type ProviderConfig,
  readProviderConfig,
} from "./provider.js";
export { MARKET_SCRIPT_HASH, MARKET_SCRIPT_SIZE, marketAddress, marketValidator } from "./script.js";
export { CardanoTxStepError, completeTx, ScriptRejectedError, submitTx } from "./submit.js";
export type { Listing, MarketListing, MarketOptions, Payout } from "./types.js";
export { updatePriceTx } from "./update.js";
export { type CustomProvider, cip30Wallets, connectCip30, lucidFor, type ProviderChoice } from "./wallet.js";
