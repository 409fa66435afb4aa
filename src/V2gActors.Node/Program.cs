using V2gActors.Node.Hosting;
using V2gActors.Node.Security;

// `pki generate` writes the development certificates and exits; anything else runs a node.
return PkiCommand.Handles(args) ? PkiCommand.Run(args) : await NodeHost.RunAsync(args);
