using SecureStack.Cli;

return await CliApp.RunAsync(args);
