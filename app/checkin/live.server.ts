/**
 * Live check-in changes for organizers' attendance pages: the API publishes after each scan or
 * undo, the attendance stream (server-sent events) subscribes per event. In one process this is
 * an in-memory emitter; several instances on one PostgreSQL need the change to cross processes
 * (LISTEN/NOTIFY, issue 7), behind the same interface.
 */
import { EventEmitter } from 'node:events'

export interface CheckinChange {
  eventId: string
  sessionId: string
}

export interface CheckinBus {
  publish(change: CheckinChange): void
  /** Calls `listener` for every change at the event until the returned function is called. */
  subscribe(eventId: string, listener: (change: CheckinChange) => void): () => void
}

export function createLocalBus(): CheckinBus {
  const emitter = new EventEmitter()
  // One listener per open attendance page; many organizers may watch at once.
  emitter.setMaxListeners(0)
  return {
    publish(change) {
      emitter.emit(change.eventId, change)
    },
    subscribe(eventId, listener) {
      emitter.on(eventId, listener)
      return () => emitter.off(eventId, listener)
    },
  }
}
