/**
 * QR decoding for the scanner's camera, in the browser only. The native BarcodeDetector where
 * the browser has one that reads QR codes; otherwise the barcode-detector ponyfill on
 * zxing-wasm, whose .wasm is served from our own origin (a Vite asset), never from a CDN: venues
 * often have no internet. Loaded lazily, the first time the camera is used or warmed up.
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url'

export interface QrDetector {
  detect(source: HTMLVideoElement): Promise<string[]>
  /** 'native' or 'zxing-wasm', for the record */
  engine: string
}

interface NativeDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector
  getSupportedFormats(): Promise<string[]>
}

let made: Promise<QrDetector> | null = null

/** The detector (made once per page), ready to read: the .wasm is fetched and compiled here. */
export function qrDetector(): Promise<QrDetector> {
  made ??= makeDetector()
  return made
}

async function makeDetector(): Promise<QrDetector> {
  const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector
  const formats: string[] = Native ? await Native.getSupportedFormats().catch(() => []) : []
  if (Native && formats.includes('qr_code')) {
    const native = new Native({ formats: ['qr_code'] })
    return { engine: 'native', detect: async (source) => (await native.detect(source)).map((b) => b.rawValue) }
  }
  const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill')
  await prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
    },
    fireImmediately: true,
  })
  const detector = new BarcodeDetector({ formats: ['qr_code'] })
  return { engine: 'zxing-wasm', detect: async (source) => (await detector.detect(source)).map((b) => b.rawValue) }
}

/** The back camera's stream, or null when there is none or it was refused. */
export async function openCamera(): Promise<MediaStream | null> {
  if (!navigator.mediaDevices?.getUserMedia) return null
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    })
  } catch {
    return null
  }
}
