import { describe, expect, it } from 'vitest'
import { canChangeStatus } from '../../app/events/event-status'

describe('event status', () => {
  it('publishes and archives a draft', () => {
    expect(canChangeStatus('draft', 'published')).toBe(true)
    expect(canChangeStatus('draft', 'archived')).toBe(true)
  })
  it('unpublishes or archives a published event', () => {
    expect(canChangeStatus('published', 'draft')).toBe(true)
    expect(canChangeStatus('published', 'archived')).toBe(true)
  })
  it('only restores an archived event to draft; it is never published straight from the archive', () => {
    expect(canChangeStatus('archived', 'draft')).toBe(true)
    expect(canChangeStatus('archived', 'published')).toBe(false)
  })
  it('refuses a move to the same status', () => {
    expect(canChangeStatus('draft', 'draft')).toBe(false)
  })
})
