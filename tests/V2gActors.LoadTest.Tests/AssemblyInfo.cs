// Each scenario test starts a real node and opens real sockets: run them one after another so a 2-core machine
// measures one node at a time and no test starves another into a timeout.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
