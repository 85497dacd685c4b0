/** The URL of the import's worker entry (vite.config.ts): the built file, or the source in dev. */
declare module 'virtual:signet/import-worker-url' {
  const url: string
  export default url
}
