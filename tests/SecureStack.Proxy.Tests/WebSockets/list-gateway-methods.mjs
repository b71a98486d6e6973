// Lists the pinned OpenClaw gateway's core WebSocket methods with the scope its own policy table gives each
// (src/gateway/methods/core-descriptors.ts, bundled in dist/method-scopes-*.mjs): "method<TAB>scope" per line.
// Usage: node list-gateway-methods.mjs <openclaw package>/dist
import { readFileSync, readdirSync } from 'node:fs';
const dist = process.argv[2];
const file = readdirSync(dist).find(f => /^method-scopes-.*\.mjs$/.test(f) && readFileSync(dist + '/' + f, 'utf8').includes('CORE_GATEWAY_METHOD_SPECS = ['));
const src = readFileSync(dist + '/' + file, 'utf8');
const table = src.slice(src.indexOf('CORE_GATEWAY_METHOD_SPECS = ['), src.indexOf('//#endregion', src.indexOf('CORE_GATEWAY_METHOD_SPECS = [')));
const re = /\[\s*"([^"]+)",\s*(?:null|"[^"]*"),\s*"([^"]+)"/g;
let m; while ((m = re.exec(table))) console.log(m[1] + '\t' + m[2]);
