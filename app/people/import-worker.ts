/**
 * The import's worker thread (import-worker.server.ts keeps a few): for each job it reads the
 * upload, parses and judges it (import-judge.ts) and posts the result. Its own entry file in the
 * build (build/server/import-worker.js, see vite.config.ts).
 */
import { readFile } from 'node:fs/promises'
import { parentPort } from 'node:worker_threads'
import { judgeFile, type WorkerJob, type WorkerReply } from './import-judge'

parentPort?.on('message', async (job: WorkerJob) => {
  let reply: WorkerReply
  try {
    const bytes = 'path' in job.source ? await readFile(job.source.path) : Buffer.from(job.source.base64, 'base64')
    reply = { result: await judgeFile({ ...job, bytes }) }
  } catch (error) {
    reply = { failed: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  }
  parentPort?.postMessage(reply)
})
