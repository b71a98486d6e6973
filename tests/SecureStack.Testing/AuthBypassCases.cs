using System.Text;

namespace SecureStack.Testing;

/// <summary>
/// THREATS.md §3 (in the design docs beside the repository: ../shared/docs/THREATS.md) as a table of hostile
/// requests, written byte for byte for <see cref="RawHttp"/>: shared by the in-process proxy tests and the
/// whole-stack scenarios, so both refuse the same attacks.
/// </summary>
public static class AuthBypassCases
{
    private static readonly int[] Unauthorized = [401];
    private static readonly int[] Forbidden = [403];
    private static readonly int[] BadRequest = [400];

    /// <summary>{CASE} marks the request, {TOKEN} is a valid token, {WRONG} a wrong one, {HOST} the proxy's host:port.</summary>
    public static IReadOnlyDictionary<string, (string Request, int[] Expected)> Cases { get; } = new Dictionary<string, (string Request, int[] Expected)>
    {
        ["no-auth-models"] = (Get("/v1/models"), Unauthorized),
        ["no-auth-root-json"] = (Get("/"), Unauthorized),
        ["no-auth-chat"] = (Post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"{CASE}\"}]}"), Unauthorized),
        ["no-auth-tools-invoke"] = (Post("/tools/invoke", "{\"tool\":\"sessions_list\",\"args\":{}}"), Unauthorized),
        ["hook-token-only"] = (Post("/hooks/agent", "{\"message\":\"{CASE}\"}", "x-openclaw-token: hooks-token\r\n"), Unauthorized),
        ["wrong-token"] = (Get("/v1/models", "Authorization: Bearer {WRONG}\r\n"), Forbidden),
        ["valid-token-suffix"] = (Get("/v1/models", "Authorization: Bearer {TOKEN}x\r\n"), Forbidden),
        ["valid-token-prefix"] = (Get("/v1/models", "Authorization: Bearer x{TOKEN}\r\n"), Forbidden),
        ["basic-scheme"] = (Get("/v1/models", "Authorization: Basic YWxpY2U6c2VjcmV0\r\n"), Unauthorized),
        ["empty-bearer"] = (Get("/v1/models", "Authorization: Bearer\r\n"), Unauthorized),
        ["token-without-scheme"] = (Get("/v1/models", "Authorization: {TOKEN}\r\n"), Unauthorized),
        ["bearer-two-words"] = (Get("/v1/models", "Authorization: Bearer {TOKEN} extra\r\n"), Unauthorized),
        ["duplicate-authorization-valid-first"] = (Get("/v1/models", "Authorization: Bearer {TOKEN}\r\nAuthorization: Bearer {WRONG}\r\n"), Unauthorized),
        ["duplicate-authorization-valid-last"] = (Get("/v1/models", "Authorization: Bearer {WRONG}\r\nauthorization: Bearer {TOKEN}\r\n"), Unauthorized),
        ["comma-joined-authorization"] = (Get("/v1/models", "Authorization: Bearer {WRONG}, Bearer {TOKEN}\r\n"), Unauthorized),
        ["upper-case-header-wrong-token"] = (Get("/v1/models", "AUTHORIZATION: bearer {WRONG}\r\n"), Forbidden),
        ["x-authorization-header"] = (Get("/v1/models", "X-Authorization: Bearer {TOKEN}\r\n"), Unauthorized),
        ["proxy-authorization-header"] = (Get("/v1/models", "Proxy-Authorization: Bearer {TOKEN}\r\n"), Unauthorized),
        ["token-in-query"] = (Get("/v1/models?token={TOKEN}"), BadRequest),
        ["access-token-in-query"] = (Get("/v1/models?access_token={TOKEN}"), BadRequest),
        ["token-in-query-with-valid-header"] = (Get("/v1/models?api_key={TOKEN}", "Authorization: Bearer {TOKEN}\r\n"), BadRequest),
        ["forged-session-cookie"] = (Get("/v1/models", "Cookie: securestack_session=djF8YWxpY2V8OTk5OTk5OTk5OXww.AAAA\r\n"), Unauthorized),
        ["forged-forwarded-for"] = (Get("/v1/models", "X-Forwarded-For: 127.0.0.1\r\nX-Real-IP: 127.0.0.1\r\n"), Unauthorized),
        ["forged-user-headers"] = (Get("/v1/models", "X-Forwarded-User: alice\r\nX-Remote-User: alice\r\nRemote-User: alice\r\n"), Unauthorized),
        ["forged-forwarded"] = (Get("/v1/models", "Forwarded: for=127.0.0.1;proto=https;by=proxy\r\n"), Unauthorized),
        ["original-url-header"] = (Get("/v1/models", "X-Original-URL: /healthz\r\nX-Rewrite-URL: /healthz\r\n"), Unauthorized),
        ["method-override-header"] = (Get("/v1/models", "X-HTTP-Method-Override: HEAD\r\n"), Unauthorized),
        ["health-dot-dot"] = (Get("/healthz/../v1/models"), BadRequest),
        ["encoded-dot-dot"] = (Get("/%2e%2e/v1/models"), BadRequest),
        ["health-encoded-dot-dot"] = (Get("/healthz/%2e%2e/v1/models"), BadRequest),
        ["health-encoded-slash"] = (Get("/healthz%2f..%2fv1/models"), BadRequest),
        ["health-semicolon"] = (Get("/healthz;/../v1/models"), BadRequest),
        ["double-encoded-dot-dot"] = (Get("/healthz/%252e%252e/v1/models"), BadRequest),
        ["backslash-dot-dot"] = (Get("/healthz\\..\\v1\\models"), BadRequest),
        ["double-slash"] = (Get("//v1/models"), BadRequest),
        ["encoded-letter"] = (Get("/v1/%6dodels"), BadRequest),
        ["absolute-form-target"] = (Get("http://{HOST}/v1/models"), BadRequest),
        ["upper-case-health-dot-dot"] = (Get("/HEALTHZ/../v1/models"), BadRequest),
        ["login-dot-dot"] = (Get("/_securestack/login/../../v1/models"), BadRequest),
        ["health-prefix"] = (Get("/healthzx"), Unauthorized),
        ["health-subpath"] = (Get("/healthz/v1/models"), Unauthorized),
        ["login-prefix"] = (Get("/_securestack/loginx"), Unauthorized),
        ["metrics-without-auth"] = (Get("/_securestack/metrics"), Unauthorized),
        ["websocket-without-auth"] = (Upgrade(""), Unauthorized),
        ["websocket-wrong-token"] = (Upgrade("Authorization: Bearer {WRONG}\r\n"), Forbidden),
        ["websocket-forged-cookie"] = (Upgrade("Cookie: securestack_session=Zm9v.YmFy\r\nOrigin: http://ui.test\r\n"), Unauthorized),
        ["websocket-token-in-query"] = (UpgradeAt("/?token={TOKEN}", ""), BadRequest),
        // Kestrel drops Content-Length when Transfer-Encoding is present and closes the connection after the
        // response, so the smuggled second request is never parsed; the outer one is unauthenticated.
        ["smuggling-cl-te"] = (
            "POST /v1/models HTTP/1.1\r\nHost: {HOST}\r\nX-Case: {CASE}\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /v1/models HTTP/1.1\r\nHost: {HOST}\r\nX-Case: {CASE}\r\nAuthorization: Bearer {TOKEN}\r\n\r\n",
            [400, 401]),
        ["smuggling-te-obfuscated"] = (
            "POST /v1/models HTTP/1.1\r\nHost: {HOST}\r\nX-Case: {CASE}\r\nTransfer-Encoding: xchunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
            [400, 401, 501]),
        ["smuggling-duplicate-content-length"] = (
            "POST /v1/models HTTP/1.1\r\nHost: {HOST}\r\nX-Case: {CASE}\r\nContent-Length: 0\r\nContent-Length: 40\r\nConnection: close\r\n\r\n",
            BadRequest),
        ["obs-fold-authorization"] = (Get("/v1/models", "Authorization: Bearer\r\n {TOKEN}\r\n"), BadRequest),
        ["space-before-colon"] = (Get("/v1/models", "Authorization : Bearer {TOKEN}\r\n"), BadRequest),
        ["nul-in-header"] = (Get("/v1/models", "X-Test: a\0b\r\n"), BadRequest),
        ["oversized-header"] = (Get("/v1/models", "X-Big: " + new string('a', 16 * 1024) + "\r\n"), [431]),
        ["oversized-declared-body"] = (
            "POST /v1/chat/completions HTTP/1.1\r\nHost: {HOST}\r\nX-Case: {CASE}\r\nAuthorization: Bearer {TOKEN}\r\nContent-Length: 104857600\r\nConnection: close\r\n\r\n{",
            [413]),
        ["gzip-body-hides-prompt"] = (
            Post("/v1/chat/completions", "\u001f\u008b{CASE}", "Authorization: Bearer {TOKEN}\r\nContent-Encoding: gzip\r\n"), [415]),
        ["http10-no-host"] = ("GET /v1/models HTTP/1.0\r\nX-Case: {CASE}\r\n\r\n", Unauthorized),
    };

    /// <summary>The case's request with its placeholders filled in.</summary>
    public static string Render(string name, string token, string wrongToken, int port) => Fill(Cases[name].Request, name, token, wrongToken, port);

    /// <summary>A request template (same placeholders as the table) with its placeholders filled in.</summary>
    public static string Fill(string template, string name, string token, string wrongToken, int port) =>
        template.Replace("{CASE}", name, StringComparison.Ordinal)
            .Replace("{TOKEN}", token, StringComparison.Ordinal)
            .Replace("{WRONG}", wrongToken, StringComparison.Ordinal)
            .Replace("{HOST}", $"127.0.0.1:{port}", StringComparison.Ordinal);

    public static string Get(string target, string headers = "") =>
        $"GET {target} HTTP/1.1\r\nHost: {{HOST}}\r\nX-Case: {{CASE}}\r\nAccept: application/json\r\n{headers}Connection: close\r\n\r\n";

    public static string Post(string target, string body, string headers = "") =>
        $"POST {target} HTTP/1.1\r\nHost: {{HOST}}\r\nX-Case: {{CASE}}\r\nContent-Type: application/json\r\n{headers}Content-Length: {Encoding.Latin1.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    private static string Upgrade(string headers) => UpgradeAt("/", headers);

    private static string UpgradeAt(string target, string headers) =>
        $"GET {target} HTTP/1.1\r\nHost: {{HOST}}\r\nX-Case: {{CASE}}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{headers}\r\n";
}
