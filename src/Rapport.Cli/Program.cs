return await Rapport.Cli.Cli.RunAsync(args);
