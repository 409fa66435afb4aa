using V2gActors.Node.Hosting;

return await NodeHost.RunAsync(args);
