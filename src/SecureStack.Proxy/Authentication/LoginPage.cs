namespace SecureStack.Proxy.Authentication;

/// <summary>The login form (one password field) and the sign-out form: no scripts, no external resources.</summary>
internal static class LoginPage
{
    public const string WrongToken = "That token was not accepted.";

    public const string NotFromThisPage = "That sign-in did not come from this page. Reload it and sign in again.";

    /// <summary>The page, with <paramref name="error"/> (one of the constants above, never client text) when set.</summary>
    public static string Render(string? error) => Layout("sign in", LoginEndpoints.LoginPath, $$"""
        {{(error is null ? "" : $"<p class=\"error\">{error}</p>")}}
        <label for="token">Access token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
        <button type="submit">Sign in</button>
        <p class="hint">The token is in API_TOKEN of the stack's .env file. Signing in sets a session cookie for this browser.</p>
        """);

    /// <summary>What a person opens to sign out: a button that posts to the logout path (a link cannot, by design).</summary>
    public static string RenderSignOut() => Layout("sign out", LoginEndpoints.LogoutPath, """
        <p>Sign out of this browser? The session cookie is removed; the access token stays valid.</p>
        <button type="submit">Sign out</button>
        """);

    private static string Layout(string title, string action, string form) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>OpenClaw Secure Stack: {{title}}</title>
        <style>
        body { font-family: system-ui, sans-serif; background: #0f172a; color: #e2e8f0; display: grid; place-items: center; min-height: 100vh; margin: 0; }
        form { background: #1e293b; padding: 2rem; border-radius: 12px; width: min(24rem, 90vw); box-shadow: 0 10px 30px rgb(0 0 0 / .4); }
        h1 { font-size: 1.2rem; margin: 0 0 1rem; }
        label { display: block; margin-bottom: .4rem; font-size: .9rem; }
        input { width: 100%; box-sizing: border-box; padding: .6rem; border-radius: 6px; border: 1px solid #475569; background: #0f172a; color: inherit; }
        button { margin-top: 1rem; width: 100%; padding: .6rem; border: 0; border-radius: 6px; background: #2563eb; color: white; font-weight: 600; cursor: pointer; }
        p.error { color: #fca5a5; font-size: .9rem; }
        p.hint { color: #94a3b8; font-size: .8rem; }
        </style>
        </head>
        <body>
        <form method="post" action="{{action}}">
        <h1>OpenClaw Secure Stack</h1>
        {{form}}
        </form>
        </body>
        </html>
        """;
}
