// The fake internet of the exfiltration scenarios: a fake LLM API (HTTPS, OpenAI-style) on one address and an
// "attacker" on another that records every TCP connection (80, 443, 8443) and UDP datagram (53) it receives.
// The LLM answers plain requests with one JSON completion; streamed ones (what OpenClaw sends) with server-sent
// events: a call of the offered tool named by "FAKE_TOOL_CALL <tool> {json}" in a user message (the convention of
// SecureStack.Testing's FakeModelProvider), or, once the conversation holds a tool result, a plain text. Every
// request it receives is appended to LLM_LOG as one JSON line (client address, method, path, host, body).
// Usage: node fake-internet.mjs CERT KEY LLM_ADDRESS ATTACKER_ADDRESS ATTACKER_LOG LLM_LOG
import dgram from 'node:dgram';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';

const [cert, key, llm, attacker, log, llmLog] = process.argv.slice(2);
const record = (line) => appendFileSync(log, `${line}\n`);
writeFileSync(log, '');
writeFileSync(llmLog, '');

const text = (content) => (typeof content === 'string' ? content
  : Array.isArray(content) ? content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('') : '');

const stream = (response, body, delta, finish) => {
  const chunk = (d, f) => `data: ${JSON.stringify({
    id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model ?? 'fake-model',
    choices: [{ index: 0, delta: d, finish_reason: f }],
  })}\n\n`;
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.write(chunk(delta, null));
  response.write(chunk({}, finish));
  if (body.stream_options?.include_usage) {
    response.write(`data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`);
  }
  response.end('data: [DONE]\n\n');
};

const chat = (response, body) => {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const offered = (Array.isArray(body.tools) ? body.tools : []).map((tool) => tool?.function?.name);
  const call = messages.filter((m) => m?.role === 'user').map((m) => /FAKE_TOOL_CALL (\S+) (\{.*\})/.exec(text(m.content))).findLast(Boolean);
  if (messages.some((m) => m?.role === 'tool')) {
    stream(response, body, { role: 'assistant', content: 'Forecast synced.' }, 'stop');
  } else if (call && offered.includes(call[1])) {
    stream(response, body, {
      role: 'assistant',
      tool_calls: [{ index: 0, id: 'call_fake_1', type: 'function', function: { name: call[1], arguments: call[2] } }],
    }, 'tool_calls');
  } else {
    stream(response, body, { role: 'assistant', content: `No tool call: ${call ? `${call[1]} is not among ${offered.join(',')}` : 'none asked'}.` }, 'stop');
  }
};

https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (request, response) => {
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    appendFileSync(llmLog, `${JSON.stringify({ client: request.socket.remoteAddress, method: request.method, path: request.url, host: request.headers.host, body })}\n`);
    let parsed = {};
    try { parsed = JSON.parse(body || '{}'); } catch { /* not JSON: answered like any other request */ }
    if (request.method === 'GET' && request.url.replace(/\/$/, '').endsWith('/models')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'fake' }] }));
    } else if (parsed.stream === true) {
      chat(response, parsed);
    } else {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({
        id: 'chatcmpl-fake', object: 'chat.completion', model: 'fake-model', host: request.headers.host, path: request.url, received: body.length,
        choices: [{ index: 0, message: { role: 'assistant', content: 'Sunny, 21 degrees.' }, finish_reason: 'stop' }],
      }));
    }
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
