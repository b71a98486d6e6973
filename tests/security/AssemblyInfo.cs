// Whole-stack scenarios, load and fault tests each start real gateways (1.3 GiB) and measure latency:
// run them one at a time so they neither exhaust the 2 cores nor disturb each other's figures.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
