using SecureStack.Audit;
using SecureStack.Quarantine;
using SecureStack.Quarantine.Moves;
using SecureStack.Quarantine.TestHost;

// Usage:
//   TestHost quarantine DB QDIR AUDIT ROOTS SKILL STOP_AT   quarantine SKILL; at step STOP_AT print "at STEP" and hang until killed
//   TestHost override DB QDIR AUDIT ROOTS NAME STOP_AT      override NAME with the right phrase; same stop behaviour
//   TestHost sweep DB QDIR AUDIT ROOTS ROUNDS               check every skill in ROOTS, ROUNDS times; print "done"
var mode = args[0];
var options = new QuarantineOptions
{
    DatabasePath = args[1],
    QuarantineDirectory = args[2],
    SkillRoots = args[4].Split(':'),
};
using var audit = AuditLog.Open(new AuditLogOptions { Path = args[3] });
var stopAt = mode == "sweep" ? null : args[6];
void OnStep(MoveStep step)
{
    if (step.ToString() == stopAt)
    {
        Console.WriteLine("at " + step);
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}

var scanner = new MarkerScanner();
var manager = QuarantineManager.Open(options, scanner, audit, null, OnStep);
Console.WriteLine("ready");
Console.Out.Flush();
switch (mode)
{
    case "quarantine":
        manager.Quarantine(args[5], scanner.Scan(args[5]));
        break;
    case "override":
        manager.ForceOverride(args[5], "crash-test", QuarantineManager.AcknowledgementPhrase(args[5]));
        break;
    case "sweep":
        for (var round = 0; round < int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture); round++)
        {
            foreach (var skill in options.SkillRoots.SelectMany(SkillDiscovery.Find))
            {
                try
                {
                    manager.Check(skill);
                }
                catch (IOException) when (!Directory.Exists(skill))
                {
                    // Another sweeper quarantined it between listing and checking; the watcher reports and skips it too.
                }
            }
        }

        break;
    default:
        Console.Error.WriteLine("unknown mode " + mode);
        return 2;
}

Console.WriteLine("done");
return 0;
