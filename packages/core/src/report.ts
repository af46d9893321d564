const PREFIX = '[actiontrail]'

/** Console output of one tracker: option errors always, API misuse only in debug mode, each once. */
export interface Reporter {
  /** An invalid option: always printed, once per option. */
  optionError(option: string, message: string): void
  /** Bad API input or a failing callback: printed once per kind, only in debug mode. */
  warn(kind: string, message: string, detail?: unknown): void
}

export function createReporter(debug: () => boolean): Reporter {
  const said = new Set<string>()
  const once = (key: string, print: () => void) => {
    if (said.has(key)) return
    said.add(key)
    print()
  }
  return {
    optionError: (option, message) =>
      once(`option:${option}`, () =>
        console.error(`${PREFIX} Invalid option "${option}": ${message}`),
      ),
    warn: (kind, message, detail) => {
      if (debug())
        once(kind, () =>
          detail === undefined
            ? console.warn(`${PREFIX} ${message}`)
            : console.warn(`${PREFIX} ${message}`, detail),
        )
    },
  }
}
