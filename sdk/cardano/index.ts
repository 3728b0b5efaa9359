// AIM Marketplace, Cardano side: everything an app, the CLI or a test calls. Importing this module loads no
// WASM; lucid-cardano is imported on the first call that needs it (see lucid.ts).
export { buy, cancel, list, mintLicenses, publishRoyaltyTerms, updatePrice } from "./actions.js";
export { buyTx, royaltyTermsFor } from "./buy.js";
export { cancelTx } from "./cancel.js";
export {
  batchRedeemer,
  buyRedeemer,
  cancelRedeemer,
  decodeListing,
  decodeRoyaltyTerms,
  encodeListing,
  encodeRoyaltyTerms,
} from "./datum.js";
export { deployReferenceScriptTx, findReferenceScript, registerMarketTx } from "./deploy.js";
export { CardanoConfigError, CardanoMarketError } from "./errors.js";
export { explainMarketFailure } from "./explain.js";
export { type ListInput, listTx } from "./list.js";
export { fetchListings, fetchListingsByOutRef, type ListingFilter, parseListing } from "./listings.js";
export { type Lucid, loadLucid } from "./lucid.js";
export { CARDANO_MANIFEST_KEY, type CardanoLicenseRef, cardanoLicenseOf } from "./manifest.js";
export { CIP25_LABEL, licenseMetadata, manifestHash } from "./metadata.js";
export { licenseAssetName, licensePolicy, type MintLicensesInput, mintLicensesTx } from "./mint.js";
export {
  assertRoyaltyShares,
  feeOf,
  MIN_OUTPUT_LOVELACE,
  royaltiesOf,
  type Settlement,
  sellerReceives,
  settlement,
} from "./payouts.js";
export {
  type CardanoNetwork,
  connectFromEnv,
  createProvider,
  type ProviderConfig,
  readProviderConfig,
} from "./provider.js";
export {
  fetchRoyaltyTerms,
  publishRoyaltyTermsTx,
  ROYALTY_TERMS_NAME,
  royaltyTermsAddress,
} from "./royalty.js";
export {
  feeAddress,
  MARKET_PARAMS,
  MARKET_SCRIPT_HASH,
  MARKET_SCRIPT_SIZE,
  marketAddress,
  marketRewardAddress,
  marketValidator,
} from "./script.js";
export { CardanoTxStepError, completeTx, ScriptRejectedError, submitTx } from "./submit.js";
export type {
  Listing,
  MarketListing,
  MarketOptions,
  MarketParams,
  Payout,
  RoyaltyTerms,
  Share,
} from "./types.js";
export { updatePriceTx } from "./update.js";
export { type CustomProvider, cip30Wallets, connectCip30, lucidFor, type ProviderChoice } from "./wallet.js";
