// The notification centre of the connected account: a bell with the unread count, and a panel of what happened
// lately (lib/notifications.ts), polled from the indexer. Opening the panel marks everything read.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useAccount } from "wagmi";
import { request } from "../lib/graphql.js";
import { lastSeen, markSeen, notices, unreadCount } from "../lib/notifications.js";
import { NOTIFICATIONS } from "../lib/queries.js";

export function Notifications() {
  const { address } = useAccount();
  const account = address?.toLowerCase();
  const [open, setOpen] = useState(false);
  const [seen, setSeen] = useState(() => (account ? lastSeen(account) : 0));
  const panelId = useId();
  const q = useQuery({
    queryKey: ["notifications", account],
    queryFn: () => request(NOTIFICATIONS, { account: account as string }),
    enabled: Boolean(account),
    refetchInterval: 5_000,
  });
  if (!account) return null;
  const list = q.data ? notices(q.data, Math.floor(Date.now() / 1000)) : [];
  const unread = unreadCount(list, seen);
  const toggle = () => {
    if (!open && list[0]) {
      markSeen(account, list[0].at);
      setSeen(list[0].at);
    }
    setOpen(!open);
  };
  return (
    <div className="notifications">
      <button
        type="button"
        className="button ghost"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        onClick={toggle}
      >
        <span aria-hidden="true">🔔</span>
        {unread > 0 && <span className="badge">{unread}</span>}
      </button>
      {open && (
        <section id={panelId} className="notifications-panel panel" aria-label="Notifications">
          {list.length === 0 ? (
            <p className="hint">
              Nothing yet: sales of your licenses, claims on your nodes and channels running low show here.
            </p>
          ) : (
            <ul className="feed">
              {list.slice(0, 30).map((n) => (
                <li key={n.id} className={`notice notice-${n.kind}`}>
                  <a href={n.href} onClick={() => setOpen(false)}>
                    {n.text}
                  </a>{" "}
                  <time className="hint" dateTime={new Date(n.at * 1000).toISOString()}>
                    {new Date(n.at * 1000).toLocaleString()}
                  </time>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
