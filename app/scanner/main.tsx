/**
 * The standalone scanner: the door staff's page as a bundle of its own (React, the scanner, the
 * offline store; no React Router or i18next), so a phone on venue Wi-Fi downloads as little as
 * possible (ADR 0012). The page (routes/scan.tsx) renders the document and a JSON block with the
 * language, its messages and the staff member; this mounts the scanner into it.
 */
import { createRoot } from 'react-dom/client'
import { isLanguage } from '../i18n/languages'
import { setScannerMessages } from './i18n-lite'
import { Scanner, type ScannerProps } from './ui'

interface PageData {
  lng: string
  messages: Parameters<typeof setScannerMessages>[1]
  staff: ScannerProps['staff']
}

const data = JSON.parse(document.getElementById('scanner-data')?.textContent ?? '{}') as PageData
setScannerMessages(isLanguage(data.lng) ? data.lng : 'en', data.messages ?? {})
const root = document.getElementById('scanner-root')
if (root) createRoot(root).render(<Scanner staff={data.staff ?? null} />)
