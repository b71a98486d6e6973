// WebSocket echo load: C connections, each sends one message and waits for its echo, for D seconds.
// usage: node ws_echo_bench.mjs URL TOKEN CONNECTIONS SECONDS BYTES   (prints one JSON line)
// Uses the "ws" package installed with openclaw (WS_MODULE=openclaw/node_modules/ws).
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const WebSocket = require(process.env.WS_MODULE);
const [url, token, connections, seconds, bytes] = process.argv.slice(2);
const payload = JSON.stringify({ type: "req", id: "1", method: "health", params: { pad: "x".repeat(Math.max(0, Number(bytes) - 60)) } });
const latencies = [];
let stop = false;
async function worker() {
  const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
  await new Promise((ok, fail) => { ws.on("open", ok); ws.on("error", fail); });
  while (!stop) {
    const t0 = process.hrtime.bigint();
    await new Promise((ok) => { ws.once("message", ok); ws.send(payload); });
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ws.close();
}
setTimeout(() => { stop = true; }, Number(seconds) * 1000);
const started = Date.now();
await Promise.all(Array.from({ length: Number(connections) }, worker));
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(JSON.stringify({ messages: latencies.length, perSecond: latencies.length / elapsed, p50: q(0.5), p99: q(0.99) }));
