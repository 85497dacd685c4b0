/**
 * Runs the parse and judgement of an uploaded file (import-judge.ts) in a worker thread, so no
 * upload can stall the server's other requests. Each worker has its own capped heap and each job
 * a time limit; a worker that runs out of either is ended (and replaced by a fresh one at the
 * next job) and the file refused with a coded error. At most MAX_WORKERS files are read at once,
 * others wait their turn; idle workers are kept (loading exceljs costs a fresh thread a second)
 * and never keep the process alive.
 */
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import workerUrl from 'virtual:signet/import-worker-url'
import type { JudgeResult, WorkerJob, WorkerReply } from './import-judge'

/** Files read at once (the machines have two cores). */
const MAX_WORKERS = 2
/** A worker's heap. */
const HEAP_MB = 1024
/** The longest one file may take. */
const TIME_LIMIT_MS = 120_000

const TOO_COMPLEX: JudgeResult = { ok: false, error: { key: 'people.errors.tooComplex' } }

const idle: Worker[] = []
let busy = 0
const waiting: (() => void)[] = []

/** In dev the worker is the TypeScript source: it registers tsx first, then imports it. */
function startWorker(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } }
  if (!workerUrl.endsWith('.ts')) return new Worker(new URL(workerUrl), options)
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}) })`
  return new Worker(code, { ...options, eval: true })
}

async function acquire(): Promise<Worker> {
  if (busy >= MAX_WORKERS) await new Promise<void>((go) => waiting.push(go))
  busy++
  const worker = idle.pop() ?? startWorker()
  worker.ref()
  return worker
}

function release(worker: Worker | null) {
  busy--
  if (worker) {
    worker.unref()
    idle.push(worker)
  }
  waiting.shift()?.()
}

function run(worker: Worker, job: WorkerJob): Promise<{ result: JudgeResult; reusable: boolean }> {
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void) => {
      clearTimeout(timer)
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      outcome()
    }
    const onMessage = (reply: WorkerReply) =>
      finish(() =>
        'result' in reply ? resolve({ result: reply.result, reusable: true }) : reject(new Error(reply.failed)),
      )
    const onError = (error: Error & { code?: string }) =>
      finish(() =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve({ result: TOO_COMPLEX, reusable: false }) : reject(error),
      )
    const onExit = () => finish(() => resolve({ result: TOO_COMPLEX, reusable: false }))
    const timer = setTimeout(() => finish(() => resolve({ result: TOO_COMPLEX, reusable: false })), TIME_LIMIT_MS)
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    worker.postMessage(job)
  })
}

export async function judgeInWorker(job: WorkerJob): Promise<JudgeResult> {
  const worker = await acquire()
  let reusable = false
  try {
    const outcome = await run(worker, job)
    reusable = outcome.reusable
    return outcome.result
  } finally {
    if (!reusable) void worker.terminate()
    release(reusable ? worker : null)
  }
}
