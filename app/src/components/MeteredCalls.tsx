// Tokens and cost of each metered (per-token) call this browser made on a channel, from what the chat panel
// recorded in localStorage (lib/chat.ts): the Channels page shows it on the channel's card.
import type { MeteredRecord } from "../lib/chat.js";

/** Tokens and cost of each metered call this browser made on a channel (newest first). */
export function MeteredCalls({ record, format }: { record: MeteredRecord; format: (v: bigint) => string }) {
  if (record.charges.length === 0) return null;
  return (
    <div className="table-wrap">
      <table data-testid="metered-calls">
        <caption className="sr-only">Calls from this browser</caption>
        <thead>
          <tr>
            <th>When</th>
            <th>Tokens in</th>
            <th>Tokens out</th>
            <th>Cost</th>
          </tr>
        </thead>
        <tbody>
          {[...record.charges].reverse().map((c) => (
            <tr key={`${c.at}-${c.cumulative}`}>
              <td>{new Date(c.at).toLocaleTimeString()}</td>
              <td>{c.prompt_tokens}</td>
              <td>
                {c.completion_tokens}
                {c.complete ? "" : " (cut)"}
              </td>
              <td>{format(BigInt(c.charged))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
