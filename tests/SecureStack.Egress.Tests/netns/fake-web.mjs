// The fake internet's web servers: HTTP on :80 and HTTPS on :443 for each address given, answering
// "hello from ADDRESS". Usage: node fake-web.mjs CERT KEY ADDRESS...
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const [cert, key, ...addresses] = process.argv.slice(2);
const tls = { cert: readFileSync(cert), key: readFileSync(key) };
for (const address of addresses) {
  const handler = (request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(`hello from ${address} host=${request.headers.host}\n`);
  };
  http.createServer(handler).listen(80, address);
  https.createServer(tls, handler).listen(443, address);
}
