using V2gActors.Cmd.Cli;

return await V2gCmd.RunAsync(args, Environment.GetEnvironmentVariable(CliArguments.TokenVariable));
