// Runs `n` claims of distinct keys at `concurrency` and times each: shared by the Node, Deno
// and workerd parts of dedupe-stores.ts. Web-standard only.
export interface ClaimFigures {
  claims: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function timeClaims(
  claim: (key: string) => boolean | Promise<boolean>,
  n: number,
  concurrency: number,
): Promise<ClaimFigures> {
  const latencies: number[] = [];
  const run = crypto.randomUUID();
  let next = 0;
  const begun = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const key = `${run}:${next++}`;
        const start = performance.now();
        if (!(await claim(key))) throw new Error(`a fresh key was taken: ${key}`);
        latencies.push(performance.now() - start);
      }
    }),
  );
  const elapsed = performance.now() - begun;
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    claims: n,
    perSecond: Math.round((n / elapsed) * 1000),
    p50Ms: Math.round(at(0.5) * 100) / 100,
    p99Ms: Math.round(at(0.99) * 100) / 100,
  };
}
