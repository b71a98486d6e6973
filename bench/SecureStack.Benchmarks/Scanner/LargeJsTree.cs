using System.Text;

namespace SecureStack.Benchmarks.Scanner;

/// <summary>A generated skill of ordinary Express-style JavaScript: 80 modules, about 4 MB, no findings expected beyond low ones.</summary>
internal static class LargeJsTree
{
    private const int Files = 80;

    /// <summary>Writes the skill to a new temporary folder; returns the folder and each module's source.</summary>
    public static (string Root, string[] Sources) Create()
    {
        var root = Directory.CreateTempSubdirectory("securestack-bench-js-").FullName;
        File.WriteAllText(Path.Combine(root, "SKILL.md"), "---\nname: big-js\ndescription: benchmark\n---\n\nRuns lib/*.js.\n");
        var sources = new string[Files];
        for (var i = 0; i < Files; i++)
        {
            sources[i] = Module(i);
            var path = Path.Combine(root, "lib", $"m{i / 40}", $"module{i}.js");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, sources[i]);
        }
        return (root, sources);
    }

    private static string Module(int i)
    {
        var builder = new StringBuilder();
        builder.Append("'use strict';\nconst fs = require('fs');\nconst path = require('path');\n");
        for (var f = 0; f < 120; f++)
        {
            builder.Append("function handler").Append(i).Append('_').Append(f).Append("(req, res, next) {\n")
                .Append("  const items = req.body.items.map((x, k) => ({ id: x.id + k, label: `item ${x.name}`, tags: [...x.tags, 'v").Append(f).Append("'] }));\n")
                .Append("  if (!items.length) { return next(new Error('empty ' + req.url)); }\n")
                .Append("  const file = path.join(__dirname, 'data', String(items[0].id) + '.json');\n")
                .Append("  fs.promises.readFile(file, 'utf8').then(JSON.parse).then(d => res.json({ ok: true, d, n: items.length })).catch(next);\n")
                .Append("}\n");
        }
        builder.Append("module.exports = { handler").Append(i).Append("_0 };\n");
        return builder.ToString();
    }
}
