// The part of autocannon 9's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    /** called before each request is sent; returns the request to send */
    setupRequest?: (request: Request) => Request
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    amount?: number
    method?: string
    headers?: Record<string, string>
    body?: string
    requests?: Request[]
  }
  interface Histogram {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    p50: number
    p90: number
    p99: number
    p99_9?: number
  }
  interface Result {
    latency: Histogram
    requests: Histogram & { total: number }
    throughput: Histogram
    errors: number
    timeouts: number
    non2xx: number
    duration: number
  }
  export default function autocannon(options: Options): Promise<Result>
}
