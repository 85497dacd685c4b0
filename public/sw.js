// Signet's scanner service worker (scope /scan): lets door staff reopen the scanner with no
// network. Hand-written (no PWA plugin supports React Router 7 yet; ADR 0012). Part of the
// scanner, whose source is app/scanner/ (app/scanner/ui/scanner.tsx registers it), but kept here
// because it is served as is at /sw.js: the phones in use have it registered at that URL, and a
// service worker's URL bounds its scope (app/server/app.ts adds Service-Worker-Allowed: /scan).
// - The scanner page: network first, the last good copy when the network fails.
// - Built assets (/assets/*, and /scanner/* for the standalone scanner bundle, hashed and
//   immutable, the zxing .wasm included): cache first,
//   stored the first time they are fetched, so the decoder warmed up before doors open stays.
// - Everything else (the API above all) goes straight to the network: check-ins are never cached.
const CACHE = 'signet-scanner-v1'

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      // The page and everything it links to, as it is now.
      const page = await fetch('/scan', { credentials: 'same-origin' })
      if (!page.ok) return
      const html = await page.clone().text()
      await cache.put('/scan', page)
      const assets = [...new Set(html.match(/\/(?:assets|scanner)\/[^"'\s)]+/g) ?? [])]
      await Promise.all(assets.map((url) => cache.add(url).catch(() => undefined)))
      await cache.add('/scan.webmanifest').catch(() => undefined)
      await cache.add('/favicon.svg').catch(() => undefined)
    })(),
  )
  self.skipWaiting()
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name)
      await self.clients.claim()
    })(),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (request.mode === 'navigate' && url.pathname === '/scan') {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE)
        try {
          const fresh = await fetch(request)
          if (fresh.ok) await cache.put('/scan', fresh.clone())
          return fresh
        } catch {
          return (await cache.match('/scan')) ?? Response.error()
        }
      })(),
    )
    return
  }
  if (
    url.pathname.startsWith('/assets/') ||
    url.pathname.startsWith('/scanner/') ||
    url.pathname === '/scan.webmanifest' ||
    url.pathname === '/favicon.svg'
  ) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE)
        const hit = await cache.match(request)
        if (hit) return hit
        const fresh = await fetch(request)
        if (fresh.ok) await cache.put(request, fresh.clone())
        return fresh
      })(),
    )
  }
})
