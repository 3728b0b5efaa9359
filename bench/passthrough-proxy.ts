// The floor for any streaming proxy written in Node on this machine: node:http in, the same keep-alive agent out,
// bytes piped as they arrive, no parsing, no payment. bench/chat.ts measures it beside the gateway.
// Run: tsx bench/passthrough-proxy.ts <port> <upstream base URL, ending in /v1>
import { Agent, createServer, request } from "node:http";

const [port, upstream] = process.argv.slice(2);
const target = new URL(`${upstream}/chat/completions`);
const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

createServer((incoming, outgoing) => {
  const proxied = request(
    target,
    { method: "POST", agent, headers: { "content-type": "application/json" } },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  proxied.once("error", () => outgoing.destroy());
  incoming.pipe(proxied);
}).listen(Number(port), "127.0.0.1");
