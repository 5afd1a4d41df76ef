// Engine benchmark: median milliseconds per period and memory per customer at 10,000,
// 100,000 and 1,000,000 customers. Prints one JSON line per size. Targets (2 cores):
// 100,000 customers <= 20 ms a period, 1,000,000 <= 200 ms, <= 64 bytes a customer.
// msPerPeriod is the median wall time of a period (the engine is single-threaded); run it on
// a quiet machine. cpuMsPerPeriod is the process's CPU time, which also counts Node's
// parallel garbage-collector threads. `npm run bench` bundles this file first (run-bench.mjs).
import { BYTES_PER_CUSTOMER } from '../src/engine/population.ts';
import { Simulation } from '../src/engine/simulation.ts';
import { mixedConfig, RECOMMENDED } from '../src/engine/testkit.ts';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
// Warm-up: a small run long enough for V8 to finish optimising the stage loops, so the
// figures below are the steady state a learner meets after the first periods, not JIT time.
{
  const warm = Simulation.create(mixedConfig({ customers: 20_000, periods: 40 }), 99, {
    enforceBudget: false,
  });
  for (let p = 0; p < 30; p++) warm.step({ levers: RECOMMENDED });
}
for (const customers of sizes.length ? sizes : [10_000, 100_000, 1_000_000]) {
  const sim = Simulation.create(mixedConfig({ customers, periods: 40 }), 1, {
    enforceBudget: false,
  });
  const cpu: number[] = [];
  const wall: number[] = [];
  let activeSum = 0;
  const periods = customers >= 1_000_000 ? 7 : 11;
  for (let p = 0; p < periods; p++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const m = sim.step({ levers: RECOMMENDED });
    const dc = process.cpuUsage(c0);
    // The first period warms the JIT; it is not counted.
    if (p > 0) {
      wall.push(performance.now() - t0);
      cpu.push((dc.user + dc.system) / 1000);
      activeSum += m.active;
    }
  }
  const median = (xs: number[]) =>
    Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] * 10) / 10;
  const msPerPeriod = median(wall);
  const cpuMsPerPeriod = median(cpu);
  // Memory the columns take per customer ever won, including spare capacity for newcomers.
  const bytesPerCustomer = Math.round((sim.population.bytes / sim.population.count) * 10) / 10;
  console.log(
    JSON.stringify({
      customers,
      msPerPeriod,
      bytesPerCustomer,
      cpuMsPerPeriod,
      // The base grows under the balanced policy: the mean active customers in the periods timed.
      activeCustomers: Math.round(activeSum / wall.length),
      columnBytes: BYTES_PER_CUSTOMER,
    }),
  );
}
