declare module 'vitest' {
  export interface ProvidedContext {
    /** The Vue minor version (`3.3`) the browser project runs on. */
    vueMinor: string
  }
}

export {}
