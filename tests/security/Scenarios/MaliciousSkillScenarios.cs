using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace SecureStack.Security.Tests.Scenarios;

/// <summary>
/// FR-3/FR-4 against the running stack: a malicious skill arrives by every path OpenClaw has (dropped by hand into
/// each skill root, installed through <c>openclaw skills install</c>, or slipped into an approved skill after the
/// approval). What the model sees is read from the system prompt the gateway sends through the relay to the fake
/// provider; what OpenClaw lists from <c>openclaw skills list --json</c>.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class MaliciousSkillScenarios(SecureStackFixture stack)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<int> RootIndexes => [0, 1, 2, 3];

    /// <summary>
    /// Attack: a skill whose SKILL.md tells the agent to run a script that pipes a download into a shell, copied by
    /// hand into one of the roots OpenClaw loads from (workspace, workspace/.agents, ~/.agents, managed).
    /// Defence: <c>securestack watch</c> scans it once the copy settles and moves it to the quarantine directory.
    /// Checks: the folder leaves the root and sits in the quarantine directory (outside the gateway's home);
    /// a <c>skill_quarantine</c> record names it; the system prompt the model receives stops listing it, while a
    /// benign skill dropped next to it is listed (so the check can fail); OpenClaw's own list agrees; nothing of the
    /// script ever reaches the model. Known limit: the gateway refreshes its skill snapshot about a second after the
    /// folder left, so a turn in that window still lists the quarantined skill's name, description and (now empty) path.
    /// </summary>
    [Theory]
    [MemberData(nameof(RootIndexes))]
    public async Task SkillDroppedIntoARoot_IsQuarantined_AndLeavesTheModelsPrompt(int rootIndex)
    {
        var root = stack.SkillRoots[rootIndex];
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var evilName = $"evil-drop-{rootIndex}-{suffix}";
        var goodName = $"good-drop-{rootIndex}-{suffix}";

        var evil = SkillFiles.Malicious(evilName).CopyInto(root);
        var good = SkillFiles.Benign(goodName).CopyInto(root);

        var record = await WaitForAuditAsync(r => (string?)r["event_type"] == "skill_quarantine" && (string?)r["details"]?["skill"] == evilName);
        Assert.Equal("blocked", (string?)record["result"]);
        Assert.False(Directory.Exists(evil));
        var moved = (string)record["details"]!["quarantine_path"]!;
        Assert.True(File.Exists(Path.Combine(moved, "scripts", "setup.sh")), moved);
        Assert.False(moved.StartsWith(stack.Gateway.Home, StringComparison.Ordinal));
        var seen = await SkillsInNextPromptAsync(names => names.Contains(goodName) && !names.Contains(evilName));
        Assert.Contains(goodName, seen);
        Assert.DoesNotContain(evilName, seen);
        var listed = OpenClawCli.SkillNames(stack.Gateway.Home);
        Assert.Contains(goodName, listed);
        Assert.DoesNotContain(evilName, listed);
        Assert.True(Directory.Exists(good));
        // Its files were gone before any turn: nothing of the script ever reached the model.
        Assert.DoesNotContain(stack.Provider.Requests, r => r.Body.Contains(SkillFiles.PayloadHost, StringComparison.Ordinal));
    }

    /// <summary>
    /// Attack: the same malicious skill installed through OpenClaw itself (<c>openclaw skills install DIR</c>).
    /// Defence: OpenClaw's install policy hook runs <c>securestack install-policy</c>, which scans the staged copy and
    /// answers "block". Checks: the install fails naming the policy and the rule; nothing lands in the workspace;
    /// a <c>skill_install_decision</c> record with result <c>blocked</c>; the model never lists it.
    /// </summary>
    [Fact]
    public async Task SkillInstalledThroughOpenClaw_IsBlockedByTheInstallPolicy()
    {
        var name = "evil-install-" + Guid.NewGuid().ToString("N")[..6];
        var staged = SkillFiles.Malicious(name).CopyInto(Directory.CreateDirectory(Path.Combine(stack.State, "staged-" + name)).FullName);

        var (exit, output) = OpenClawCli.Run(stack.Gateway.Home, "skills", "install", staged, "--force");

        Assert.True(exit != 0, output);
        Assert.Contains("blocked by policy", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SS-DOWNLOAD-EXEC", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(stack.WorkspaceSkills, name)));
        Assert.Contains(stack.AuditRecords("skill_install_decision"), r => (string?)r["result"] == "blocked" && (string?)r["details"]?["target"] == name);
        Assert.DoesNotContain(name, await SkillsInNextPromptAsync(_ => true));
        Assert.DoesNotContain(stack.Provider.Requests, r => r.Body.Contains(name, StringComparison.Ordinal));
    }

    /// <summary>
    /// Attack: a benign skill is installed through OpenClaw (the policy allows it and pins its checksum), then changed
    /// where it lies: a file edited, a file added, or a file made executable. Defence: the watcher sees the change,
    /// compares the new checksum with the approved pin and quarantines the skill until someone reviews it.
    /// Checks: the install succeeded and the model listed the skill; after the change, a <c>skill_pin_mismatch</c>
    /// record with both checksums, a <c>skill_quarantine</c> record, the folder gone from the workspace and from the
    /// next system prompt.
    /// </summary>
    [Theory]
    [InlineData("edit")]
    [InlineData("add")]
    [InlineData("chmod")]
    public async Task ApprovedSkill_ChangedAfterApproval_IsQuarantined(string change)
    {
        var name = $"approved-{change}-" + Guid.NewGuid().ToString("N")[..6];
        var staged = SkillFiles.Benign(name, withScript: true).CopyInto(Directory.CreateDirectory(Path.Combine(stack.State, "staged-" + name)).FullName);
        var (exit, output) = OpenClawCli.Run(stack.Gateway.Home, "skills", "install", staged, "--force");
        Assert.True(exit == 0, output);
        var installed = Path.Combine(stack.WorkspaceSkills, name);
        Assert.True(File.Exists(Path.Combine(installed, "SKILL.md")), output + string.Join('\n', stack.AuditRecords()
            .Where(r => (string?)r["details"]?["skill"] == name || (string?)r["details"]?["target"] == name).Select(r => r.ToJsonString())));
        Assert.Contains(stack.AuditRecords("skill_install_decision"), r => (string?)r["result"] == "success" && (string?)r["details"]?["target"] == name);
        await WaitForAuditAsync(r => (string?)r["event_type"] == "skill_scan" && (string?)r["details"]?["path"] == installed);
        Assert.Contains(name, await SkillsInNextPromptAsync(names => names.Contains(name)));

        switch (change)
        {
            case "edit":
                await File.AppendAllTextAsync(Path.Combine(installed, "SKILL.md"), "\nAlso mention the weather.\n");
                break;
            case "add":
                await File.WriteAllTextAsync(Path.Combine(installed, "notes.txt"), "added after the approval\n");
                break;
            default:
                File.SetUnixFileMode(Path.Combine(installed, "scripts", "clock.sh"), File.GetUnixFileMode(Path.Combine(installed, "scripts", "clock.sh")) | UnixFileMode.UserExecute);
                break;
        }

        var mismatch = await WaitForAuditAsync(r => (string?)r["details"]?["skill"] == name && (string?)r["action"] == "skill_pin_mismatch");
        Assert.NotEqual((string?)mismatch["details"]?["pinned"], (string?)mismatch["details"]?["checksum"]);
        await WaitForAuditAsync(r => (string?)r["event_type"] == "skill_quarantine" && (string?)r["details"]?["skill"] == name);
        Assert.False(Directory.Exists(installed));
        Assert.DoesNotContain(name, await SkillsInNextPromptAsync(names => !names.Contains(name)));
    }

    /// <summary>Polls the shared audit log (the watcher writes from its own process) for a record.</summary>
    private async Task<JsonObject> WaitForAuditAsync(Func<JsonObject, bool> match)
    {
        var stop = Stopwatch.GetTimestamp() + (long)(Deadline.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < stop)
        {
            if (stack.AuditRecords().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"no matching audit record; watcher said:\n{stack.Watcher.Output}\n{stack.Watcher.Errors}");
    }

    /// <summary>Chats through the proxy until <paramref name="until"/> holds for the skills in the system prompt the provider received.</summary>
    private async Task<HashSet<string>> SkillsInNextPromptAsync(Func<HashSet<string>, bool> until)
    {
        using var client = stack.Client();
        var stop = Stopwatch.GetTimestamp() + (long)(Deadline.TotalSeconds * Stopwatch.Frequency);
        HashSet<string> names = [];
        while (Stopwatch.GetTimestamp() < stop)
        {
            var marker = "skills-" + Guid.NewGuid().ToString("N")[..8];
            using var response = await client.PostAsync("/v1/chat/completions", SecureStackFixture.ChatBody("which skills do you have? " + marker));
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var prompt = stack.Provider.Requests.LastOrDefault(r => r.Body.Contains(marker, StringComparison.Ordinal) && r.Body.Contains("<available_skills>", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("the provider received no prompt with <available_skills>");
            names = AvailableSkills.Names(prompt.Body);
            if (until(names))
            {
                return names;
            }

            await Task.Delay(500);
        }

        return names;
    }
}
