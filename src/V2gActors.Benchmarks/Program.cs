using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Short job by default (1 launch, 3 warm-ups, 3 iterations, in-process so no second build of a generated project):
// minutes instead of tens of minutes, good enough to spot a regression in CI. `--full` drops it for BenchmarkDotNet's
// default job (separate process, more iterations), which is what budget verdicts should use.
// Everything else is BenchmarkDotNet's own command line (--filter, --list flat, --exporters json, ...).
var full = args.Contains("--full");
var rest = args.Where(a => a != "--full").ToArray();
var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
if (!full) config = config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
