// The notification centre's items, from the indexer: the account's licenses sold, payments to its nodes (channel
// claims, x402 settlements), and
// its open channels that are running low or about to expire. "Unread" = newer than when the account last looked
// (kept in this browser).
import { currencyOf } from "../contracts.js";
import { formatPrice } from "./price.js";
import type { NotificationsData } from "./queries.js";

export interface Notice {
  id: string;
  kind: "sold" | "claim" | "channel_low" | "channel_expiring";
  /** Unix seconds: when it happened (or, for an expiring channel, when the warning window opened). */
  at: number;
  text: string;
  href: string;
}

/** A channel is low below this share of its deposit, and expiring within this many seconds. */
const LOW_SHARE = 10n;
const EXPIRY_WARNING_S = 86_400;

const aimName = (aimId: string, aim: { name: string | null } | null | undefined) =>
  aim?.name ?? `AIM #${aimId}`;

export function notices(data: NotificationsData, now: number): Notice[] {
  const out: Notice[] = [];
  for (const s of data.sold.items) {
    out.push({
      id: `sold:${s.id}`,
      kind: "sold",
      at: Number(s.timestamp),
      text: `You sold ${s.quantity} license${s.quantity === "1" ? "" : "s"} of ${aimName(s.aimId ?? "?", s.aim)} for ${formatPrice(BigInt(s.totalPrice), currencyOf(s.currency))}; you received ${formatPrice(BigInt(s.sellerProceeds), currencyOf(s.currency))}.`,
      href: `#/aim/${s.aimId}`,
    });
  }
  for (const c of data.claims.items) {
    out.push({
      id: `claim:${c.id}`,
      kind: "claim",
      at: Number(c.timestamp),
      text: `Your node claimed ${formatPrice(BigInt(c.payeeAmount), currencyOf(c.token))} for calls to AIM #${c.aimId}.`,
      href: `#/aim/${c.aimId}`,
    });
  }
  for (const x of data.x402.items) {
    out.push({
      id: `x402:${x.id}`,
      kind: "claim",
      at: Number(x.timestamp),
      text: `Your node was paid ${formatPrice(BigInt(x.nodeAmount), currencyOf(x.token))} by x402 for calls to AIM #${x.aimId}.`,
      href: `#/aim/${x.aimId}`,
    });
  }
  for (const ch of data.channels.items) {
    const name = aimName(ch.aimId, ch.aim);
    const deposit = BigInt(ch.deposit);
    const remaining = BigInt(ch.remaining);
    if (deposit > 0n && remaining * LOW_SHARE < deposit) {
      out.push({
        id: `low:${ch.id}:${ch.remaining}`,
        kind: "channel_low",
        at: Number(ch.updatedAt),
        text: `Your channel for ${name} is running low: ${formatPrice(remaining, currencyOf(ch.token))} left. Top it up to keep calling.`,
        href: "#/channels",
      });
    }
    const expiry = Number(ch.expiry);
    if (expiry - now < EXPIRY_WARNING_S && remaining > 0n) {
      out.push({
        id: `expiring:${ch.id}:${ch.expiry}`,
        kind: "channel_expiring",
        at: Math.min(now, expiry - EXPIRY_WARNING_S),
        text:
          expiry <= now
            ? `Your channel for ${name} has expired: reclaim the ${formatPrice(remaining, currencyOf(ch.token))} left.`
            : `Your channel for ${name} expires within a day: extend it or reclaim what is left after.`,
        href: "#/channels",
      });
    }
  }
  return out.sort((a, b) => b.at - a.at);
}

export function unreadCount(list: readonly Notice[], lastSeen: number): number {
  return list.filter((n) => n.at > lastSeen).length;
}

const seenKey = (account: string) => `aim.notifications.seen.${account.toLowerCase()}`;

export function lastSeen(account: string): number {
  return Number(globalThis.localStorage?.getItem(seenKey(account)) ?? 0);
}

export function markSeen(account: string, at: number): void {
  globalThis.localStorage?.setItem(seenKey(account), String(at));
}
