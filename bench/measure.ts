/**
 * Shared timing helper for the benchmarks: runs `once` repeatedly for `seconds` after a short
 * warm-up and prints operations per second with p50/p95 latency. Returns operations per second.
 */
export async function rate(label: string, seconds: number, once: () => unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await once() // warm-up: JIT, font parsing, connection pools
  const times: number[] = []
  const end = performance.now() + seconds * 1000
  while (performance.now() < end) {
    const t = performance.now()
    await once()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const perSec = times.length / (times.reduce((a, b) => a + b, 0) / 1000)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))].toFixed(2)
  console.log(`${label.padEnd(40)} ${perSec.toFixed(1).padStart(8)} /s   p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   (n=${times.length})`)

  return perSec
}
