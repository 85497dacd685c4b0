/** Runs the registration burst's 500 clients (bench/registration-clients.ts) in a child process. */
import { fork } from 'node:child_process'
import { resolve } from 'node:path'
import type { BurstOrder, BurstReport } from './registration-clients'

export type { BurstOrder, BurstReport }

/** Runs the clients in a child process (bench/registration-clients.ts) and returns its report. */
export function runClients(order: BurstOrder): Promise<BurstReport> {
  return new Promise((done, reject) => {
    const child = fork(resolve('bench/registration-clients.ts'), [], { execArgv: ['--import', 'tsx'] })
    child.once('message', (answer: { report?: BurstReport; error?: string }) => {
      if (answer.report) done(answer.report)
      else reject(new Error(`the clients failed: ${answer.error}`))
    })
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the clients exited with code ${code}`))
    })
    child.send(order)
  })
}
