declare module 'vitest' {
  export interface ProvidedContext {
    /** The React major version the browser project runs on. */
    reactMajor: string
  }
}

export {}
