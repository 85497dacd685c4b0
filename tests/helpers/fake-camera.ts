/**
 * A fake camera for Chromium: a .y4m video of a QR code, for
 * `--use-file-for-fake-video-capture`. Written by hand (no ffmpeg): the YUV4MPEG2 header, then
 * per frame `FRAME`, the Y plane (the QR in black on white), and U and V planes of 128 (grey).
 */
import { writeFileSync } from 'node:fs'
import QRCode from 'qrcode'

const WIDTH = 640
const HEIGHT = 480

export function writeQrVideo(file: string, text: string, frames = 15): void {
  const frame = qrFrame(text)
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`)
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]))
}

/**
 * Several codes in turn, each shown for `framesPerCode` frames with `blankFrames` of an empty
 * room between them (Chromium loops the file at 30 frames per second): a queue at the door.
 */
export function writeQueueVideo(file: string, texts: readonly string[], framesPerCode = 12, blankFrames = 6): void {
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`)
  const blank = qrFrame(null)
  const parts: Buffer[] = [header]
  for (const text of texts) {
    const frame = qrFrame(text)
    for (let i = 0; i < framesPerCode; i++) parts.push(frame)
    for (let i = 0; i < blankFrames; i++) parts.push(blank)
  }
  writeFileSync(file, Buffer.concat(parts))
}

function qrFrame(text: string | null): Buffer {
  const y = Buffer.alloc(WIDTH * HEIGHT, 200) // a light grey room
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128)
  if (text === null) return Buffer.concat([Buffer.from('FRAME\n'), y, chroma])
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  // The code with a 4-module quiet zone, as large as fits in 80 % of the frame height.
  const scale = Math.floor((HEIGHT * 0.8) / (size + 8))
  const side = (size + 8) * scale
  const left = Math.floor((WIDTH - side) / 2)
  const top = Math.floor((HEIGHT - side) / 2)
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      const mx = Math.floor(col / scale) - 4
      const my = Math.floor(row / scale) - 4
      const dark = mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(my, mx) === 1
      y[(top + row) * WIDTH + left + col] = dark ? 16 : 235
    }
  }
  return Buffer.concat([Buffer.from('FRAME\n'), y, chroma])
}
