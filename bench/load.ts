/** A bounded closed-loop load: `concurrency` workers send requests back to back for `seconds`. */
export interface LoadResult {
  requests: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

export async function load(options: {
  url: string | (() => string);
  method?: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: () => string;
  eventsPerRequest: number;
  concurrency: number;
  seconds: number;
  expectStatus: number;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const url = typeof options.url === 'string' ? options.url : options.url();
        const init = {
          method: options.method ?? 'POST',
          headers: options.headers,
          ...(options.body ? { body: options.body() } : {}),
        };
        const t0 = performance.now();
        const response = await fetch(url, init);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== options.expectStatus) {
          failures++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const events = latencies.length * options.eventsPerRequest;
  return {
    requests: latencies.length,
    events,
    seconds,
    eventsPerSecond: events / seconds,
    p50: at(0.5),
    p99: at(0.99),
    failures,
  };
}
