// Engine benchmark: median milliseconds per period and memory per customer at 10,000,
// 100,000 and 1,000,000 customers. Prints one JSON line per size. Targets (2 cores):
// 100,000 customers <= 20 ms a period, 1,000,000 <= 200 ms, <= 64 bytes a customer.
//
// The workload is a learner's game: the leaky-bucket scenario (every stage of the model at
// work: complaints, events, acquisition) played with its recommended policy, with the
// starting base set to N. That base stays near N (it grows about 2% a period), so the figure
// is the cost of a period of an N-customer base; `activeCustomers` says what the timed periods
// actually simulated. msPerPeriod is the median wall time of a period (the engine is
// single-threaded) over the periods of three games (seeds 1-3); run it on a quiet machine.
// cpuMsPerPeriod is the process's CPU time, which also counts Node's parallel
// garbage-collector threads. `npm run bench` bundles this file first (run-bench.mjs).
import leakyBucket from '../scenarios/leaky-bucket.json';
import { BYTES_PER_CUSTOMER } from '../src/engine/population.ts';
import { installPeriodEndKernel } from '../src/engine/kernel.ts';
import { Simulation } from '../src/engine/simulation.ts';
import { kernelWasm } from './kernel-wasm.ts';
import { applyOverrides } from '../src/scenario/headless.ts';
import { policyDecisions, referencePolicy } from '../src/scenario/policy.ts';
import { loadScenario, toEngineConfig } from '../src/scenario/validate.ts';

// The engine as the app's worker runs it (bases over 20,000 customers): with the WebAssembly
// passes (stages 4-9, the metrics' count). BENCH_JS=1 times the JavaScript passes instead.
if (!process.env.BENCH_JS) installPeriodEndKernel(await kernelWasm());

const loaded = loadScenario(leakyBucket);
if (!loaded.ok) throw new Error(`leaky-bucket.json: ${JSON.stringify(loaded.problems)}`);
const scenario = loaded.scenario;
const found = referencePolicy(scenario, 'recommended');
if (!found) throw new Error('leaky-bucket.json has no recommended policy');
const policy = found;

function game(customers: number, seed: number): Simulation {
  const over = applyOverrides(scenario, {}, customers);
  if (!over.ok) throw new Error(JSON.stringify(over.problems));
  return Simulation.create(toEngineConfig(over.scenario), seed, { enforceBudget: false });
}

const GAMES = 3;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
// Warm-up: whole games at a small size, so V8 has optimised the stage loops and the figures
// below are the steady state a learner meets after the first periods, not compile time.
for (let k = 0; k < 3; k++) {
  const warm = game(20_000, 90 + k);
  while (!warm.finished) warm.step(policyDecisions(policy, warm));
}
for (const customers of sizes.length ? sizes : [10_000, 100_000, 1_000_000]) {
  const cpu: number[] = [];
  const wall: number[] = [];
  let activeSum = 0;
  let bytes = 0;
  // Three games (seeds 1-3), so one game's luck with the JIT or the machine weighs less.
  for (let seed = 1; seed <= GAMES; seed++) {
    const sim = game(customers, seed);
    for (let p = 0; !sim.finished; p++) {
      const decisions = policyDecisions(policy, sim);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const m = sim.step(decisions);
      const dc = process.cpuUsage(c0);
      // The first period of a new base is not counted (it allocates the base's spare room).
      if (p > 0) {
        wall.push(performance.now() - t0);
        cpu.push((dc.user + dc.system) / 1000);
        activeSum += m.active;
      }
    }
    // Memory the columns take per customer ever won, including spare room for newcomers.
    bytes = Math.max(bytes, sim.population.bytes / sim.population.count);
  }
  const median = (xs: number[]) =>
    Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] * 10) / 10;
  const bytesPerCustomer = Math.round(bytes * 10) / 10;
  console.log(
    JSON.stringify({
      customers,
      msPerPeriod: median(wall),
      bytesPerCustomer,
      cpuMsPerPeriod: median(cpu),
      activeCustomers: Math.round(activeSum / wall.length),
      periods: wall.length,
      columnBytes: BYTES_PER_CUSTOMER,
    }),
  );
}
