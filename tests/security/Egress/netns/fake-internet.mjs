// The fake internet of the exfiltration scenarios: a fake LLM API (HTTPS, OpenAI-style JSON) on one address and an
// "attacker" on another that records every TCP connection (80, 443, 8443) and UDP datagram (53) it receives.
// Usage: node fake-internet.mjs CERT KEY LLM_ADDRESS ATTACKER_ADDRESS ATTACKER_LOG
import dgram from 'node:dgram';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';

const [cert, key, llm, attacker, log] = process.argv.slice(2);
const record = (line) => appendFileSync(log, `${line}\n`);
writeFileSync(log, '');

https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (request, response) => {
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({
      id: 'chatcmpl-fake', object: 'chat.completion', model: 'fake-model', host: request.headers.host, path: request.url, received: body.length,
      choices: [{ index: 0, message: { role: 'assistant', content: 'Sunny, 21 degrees.' }, finish_reason: 'stop' }],
    }));
  });
}).listen(443, llm);

for (const port of [80, 443, 8443]) {
  net.createServer((socket) => {
    record(`tcp ${port} from ${socket.remoteAddress}`);
    socket.on('data', (data) => record(`tcp ${port} data ${data.toString('latin1')}`));
    socket.on('error', () => {});
  }).listen(port, attacker);
}

const udp = dgram.createSocket('udp4');
udp.on('message', (message, remote) => record(`udp 53 from ${remote.address} data ${message.toString('latin1')}`));
udp.bind(53, attacker, () => console.log('ready'));
