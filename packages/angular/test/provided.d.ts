declare module 'vitest' {
  export interface ProvidedContext {
    /** The Angular major version (`17`) the project runs on. */
    angularMajor: string
  }
}

export {}
