import { describe, expect, it } from 'vitest'
import { enrollmentCodeOf } from '../../app/scanner/enrollment'

describe('enrollmentCodeOf', () => {
  it('reads the code from the enrollment link a QR holds, pasted or scanned, and the code alone', () => {
    expect(enrollmentCodeOf('https://signet.example/scan/enroll#AbCdEfGhIjKlMnOpQrStUv')).toBe('AbCdEfGhIjKlMnOpQrStUv')
    expect(enrollmentCodeOf('  http://10.0.0.5:3000/scan/enroll?lng=ja#a1_B2-c3D4e5F6g7H8i9  ')).toBe(
      'a1_B2-c3D4e5F6g7H8i9',
    )
    expect(enrollmentCodeOf('AbCdEfGhIjKlMnOpQrStUv')).toBe('AbCdEfGhIjKlMnOpQrStUv')
  })

  it('finds no code in a link without one, or in text that is no code', () => {
    expect(enrollmentCodeOf('https://signet.example/scan/enroll')).toBeNull()
    expect(enrollmentCodeOf('https://signet.example/scan/enroll#')).toBeNull()
    expect(enrollmentCodeOf('short')).toBeNull()
    expect(enrollmentCodeOf('has spaces in it, not a code at all')).toBeNull()
    expect(enrollmentCodeOf('')).toBeNull()
  })
})
