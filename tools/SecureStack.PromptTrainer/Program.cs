using System.Diagnostics;
using System.Globalization;
using SecureStack.PromptTrainer;
using SecureStack.Sanitizer.Evaluation;

// Trains the shipped prompt-injection model from the committed data (one documented command, deterministic):
//   dotnet run --project tools/SecureStack.PromptTrainer -c Release -- [--search] [DATA [MODEL]]
// --search tries the hyperparameter grid on the validation sources and reports each; without it the defaults
// (TrainingOptions, the grid's winner) are trained and the model is written. --errors also lists the validation texts
// the model gets most wrong (the highest-scoring benign ones, the lowest-scoring injections per source).
var search = args.Contains("--search");
var errors = args.Contains("--errors");
var paths = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var dataPath = paths.ElementAtOrDefault(0) ?? "data/prompts/prompts.jsonl.gz";
var modelPath = paths.ElementAtOrDefault(1) ?? "src/SecureStack.Sanitizer/Classifier/prompt-model.bin.gz";
if (!File.Exists(dataPath))
{
    Console.Error.WriteLine($"{dataPath}: not found; run from the repository root or pass the data file.");
    return 2;
}

var all = LabelledPromptReader.Read(dataPath);
var train = all.Where(p => p.Split == "train").ToList();
var validation = all.Where(p => p.Split == "validation").ToList();
Console.WriteLine($"train {train.Count} ({train.Count(p => p.Injection)} injections), validation {validation.Count} ({validation.Count(p => p.Injection)} injections)");

var grid = search
    ? from l2 in new[] { 1e-4f, 1e-5f, 3e-6f }
      from window in new[] { 256, 512, 1024 }
      from balance in new[] { true, false }
      select new TrainingOptions { L2 = l2, WindowChars = window, BalanceSources = balance }
    : [new TrainingOptions()];
foreach (var options in grid)
{
    var clock = Stopwatch.StartNew();
    var model = PromptTrainer.Train(train, validation, options);
    var figures = PromptTrainer.Evaluate(model, validation);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"L2 {options.L2:g} window {options.WindowChars} balanced {options.BalanceSources}: {figures}; flag ≥ {model.FlagThreshold:0.0000}, reject ≥ {model.RejectThreshold:0.0000} ({clock.Elapsed.TotalSeconds:0.0} s)"));
    if (errors)
    {
        PromptTrainer.WriteErrors(model, validation, Console.Out);
    }

    if (!search)
    {
        using var file = File.Create(modelPath);
        model.Save(file);
        Console.WriteLine($"wrote {modelPath} ({file.Length} bytes)");
    }
}

return 0;
