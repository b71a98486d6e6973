// Fetches one URL the way OpenClaw does when HTTPS_PROXY/HTTP_PROXY are set: undici's EnvHttpProxyAgent
// installed as the global dispatcher. Prints one JSON line: {"ok":true,"status":200,"body":"..."} or {"ok":false,"error":"..."}.
import { EnvHttpProxyAgent, fetch, setGlobalDispatcher } from 'undici';

setGlobalDispatcher(new EnvHttpProxyAgent());
const url = process.argv[2];
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(8000) });
  console.log(JSON.stringify({ ok: response.ok, status: response.status, body: (await response.text()).trim() }));
  process.exitCode = response.ok ? 0 : 1;
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error.cause?.message ?? error.message) }));
  process.exitCode = 1;
}
